/**
 * Common words never reported as unrecognised: grammar, time, quantity and chat words that carry
 * nothing the reader should have placed. Data only.
 */
export const STOP: ReadonlySet<string> = new Set(('a an and the my me i im ive it its is are was were be been have has had of in on at to for with ' +
  'from by when this that these those there here very really so but or if then than too also just some any all side sides after before ' +
  'day days week weeks month months year years time times get gets got feel feels feeling felt like lot bit much more most ' +
  'since about around into over under up down out off can cannot do does did am your you he she they them his her our ' +
  'while during every each first last again always often sometimes usually lately recently now still being which what where who how ' +
  'ago old aged age yo yrs started start starts came come comes go goes went keep keeps kind sort quite pretty bad worse worst ' +
  'better badly constant constantly sudden suddenly gradual gradually slowly today yesterday tonight morning night monday tuesday ' +
  'wednesday thursday friday saturday sunday please help hi hello thanks thank one two three four five six seven eight nine ten ' +
  'few several couple hour hours whenever especially mostly mainly lots even though although however because ' +
  'area spot place part little thing things should would could will hurt hurting pain hurts painful massage book booking appointment ' +
  'would wondering wonder think thought know maybe possibly probably anyone anything something nothing everything ok okay yes no').split(' '))
