/*
 * NMT chat widget: one self-contained script a clinic adds with a single <script> tag. Renders a
 * launcher and a chat panel in a Shadow DOM, sends what the client types to POST /v1/recommendations
 * and shows what was understood, red-flag advice, likely muscles, follow-up questions and the booking
 * link. Plain ES2019, no dependencies, no third-party requests. It never logs or stores what the
 * client types: the text lives only in memory and in the panel until the page is closed.
 * (One file on purpose, so it can be served and cached as a single asset; hence its length.)
 */
(function () {
  'use strict'

  if (window.__nmtWidget) return
  window.__nmtWidget = true

  var STRINGS = {
    en: {
      launcher: 'Where does it hurt?', title: 'Pain pattern helper', close: 'Close', restart: 'Start over',
      intro: 'Tell me where it hurts and how, in your own words, or mark the spot on the body chart. For example: "stabbing pain in my right heel with my first steps in the morning".',
      inputLabel: 'Describe your pain', placeholder: 'Where does it hurt, and when?', send: 'Send',
      thinking: 'Reading what you wrote…', updating: 'Updating…', understood: 'What I understood',
      nothing: 'I could not recognise a body region or symptom yet. Try naming where it hurts, for example "neck", "heel" or "lower back", or mark it on the body chart.',
      negated: 'no {x}', left: 'left', right: 'right', both: 'both sides',
      emergency: 'Get medical help now', urgent: 'Please see a doctor soon', routine: 'Worth mentioning to a doctor',
      seeDoctor: 'This is not something to treat with massage first. Please see a doctor.',
      screening: 'First, a few questions to make sure nothing here needs a doctor.',
      muscles: 'Muscles that commonly cause this kind of pain', noMuscles: 'No muscle stands out yet.',
      questions: 'A few questions would sharpen this', yes: 'Yes', no: 'No', unsure: 'Not sure', yourAnswers: 'Your answers',
      locate: 'Where exactly does it hurt?', locateHint: 'Mark the spot on the body chart, or describe it in your own words.', locateChart: 'Show me on the body chart',
      mapTitle: 'Where a therapist would work', mapAlt: 'Body map of where it hurts and where a therapist would work',
      book: 'Book an appointment', bookIntro: 'A therapist can assess this in person.',
      disclaimer: 'This is general information about muscles that often cause this kind of pain, not a diagnosis. If your pain is severe, getting worse, came on suddenly or comes with other symptoms, please see a doctor.',
      unavailable: 'Sorry, the pain helper is not available right now. Please try again later, or contact the clinic directly.',
      errRate: 'Too many requests right now. Please try again in {s} seconds.', errRateSoon: 'Too many requests right now. Please try again shortly.',
      retry: 'Try again',
      chart: 'Body chart', chartTitle: 'Mark where it hurts', chartHint: 'Tap a spot to mark it, tap it again to unmark it. The buttons turn the body round or look closer.',
      views: { front: 'Front', back: 'Back', head: 'Head', 'hand-palm': 'Palms', 'hand-back': 'Backs of hands', 'foot-sole': 'Soles' },
      picked: 'Marked', pickedNone: 'Nothing marked yet.', unpick: 'Unmark {x}', done: 'Done', tooMany: 'You can mark up to {n} spots.',
      chartUnavailable: 'The body chart is not available right now. You can still describe your pain in words.',
    },
    es: {
      launcher: '¿Dónde le duele?', title: 'Asistente de dolor', close: 'Cerrar', restart: 'Empezar de nuevo',
      intro: 'Cuénteme dónde le duele y cómo, con sus propias palabras, o marque la zona en el mapa del cuerpo. Por ejemplo: "dolor punzante en el talón derecho al dar los primeros pasos por la mañana".',
      inputLabel: 'Describa su dolor', placeholder: '¿Dónde le duele y cuándo?', send: 'Enviar',
      thinking: 'Leyendo lo que ha escrito…', updating: 'Actualizando…', understood: 'Lo que he entendido',
      nothing: 'Todavía no reconozco ninguna zona del cuerpo ni síntoma. Pruebe a nombrar dónde le duele, por ejemplo "cuello", "talón" o "zona lumbar", o márquelo en el mapa del cuerpo.',
      negated: 'sin {x}', left: 'izquierda', right: 'derecha', both: 'ambos lados',
      emergency: 'Busque ayuda médica ahora', urgent: 'Consulte a un médico pronto', routine: 'Conviene comentarlo con un médico',
      seeDoctor: 'No es algo que deba tratarse primero con masaje. Consulte a un médico.',
      screening: 'Primero, unas preguntas para asegurarnos de que nada requiere un médico.',
      muscles: 'Músculos que suelen causar este tipo de dolor', noMuscles: 'Ningún músculo destaca todavía.',
      questions: 'Algunas preguntas ayudarían a precisar', yes: 'Sí', no: 'No', unsure: 'No estoy seguro', yourAnswers: 'Sus respuestas',
      locate: '¿Dónde le duele exactamente?', locateHint: 'Marque la zona en el mapa del cuerpo o descríbala con sus palabras.', locateChart: 'Mostrarlo en el mapa del cuerpo',
      mapTitle: 'Dónde trabajaría un terapeuta', mapAlt: 'Mapa del cuerpo con dónde duele y dónde trabajaría un terapeuta',
      book: 'Reservar una cita', bookIntro: 'Un terapeuta puede valorarlo en persona.',
      disclaimer: 'Es información general sobre músculos que a menudo causan este tipo de dolor, no un diagnóstico. Si el dolor es intenso, empeora, apareció de repente o viene con otros síntomas, consulte a un médico.',
      unavailable: 'Lo sentimos, el asistente no está disponible en este momento. Inténtelo más tarde o contacte directamente con la clínica.',
      errRate: 'Demasiadas solicitudes. Inténtelo de nuevo dentro de {s} segundos.', errRateSoon: 'Demasiadas solicitudes. Inténtelo de nuevo en breve.',
      retry: 'Reintentar',
      chart: 'Mapa del cuerpo', chartTitle: 'Marque dónde le duele', chartHint: 'Toque una zona para marcarla y tóquela de nuevo para desmarcarla. Los botones giran el cuerpo o acercan la vista.',
      views: { front: 'Delante', back: 'Detrás', head: 'Cabeza', 'hand-palm': 'Palmas', 'hand-back': 'Dorso de las manos', 'foot-sole': 'Plantas' },
      picked: 'Marcado', pickedNone: 'Nada marcado todavía.', unpick: 'Desmarcar {x}', done: 'Listo', tooMany: 'Puede marcar hasta {n} zonas.',
      chartUnavailable: 'El mapa del cuerpo no está disponible ahora. Puede describir su dolor con palabras.',
    },
    de: {
      launcher: 'Wo tut es weh?', title: 'Schmerzmuster-Helfer', close: 'Schließen', restart: 'Neu beginnen',
      intro: 'Beschreiben Sie in eigenen Worten, wo und wie es weh tut, oder markieren Sie die Stelle auf der Körperkarte. Zum Beispiel: "stechender Schmerz in der rechten Ferse bei den ersten Schritten am Morgen".',
      inputLabel: 'Beschreiben Sie Ihre Schmerzen', placeholder: 'Wo tut es weh, und wann?', send: 'Senden',
      thinking: 'Ich lese Ihre Nachricht…', updating: 'Wird aktualisiert…', understood: 'Was ich verstanden habe',
      nothing: 'Ich konnte noch keine Körperregion und kein Symptom erkennen. Nennen Sie, wo es weh tut, zum Beispiel "Nacken", "Ferse" oder "unterer Rücken", oder markieren Sie es auf der Körperkarte.',
      negated: 'kein(e) {x}', left: 'links', right: 'rechts', both: 'beidseitig',
      emergency: 'Holen Sie sofort ärztliche Hilfe', urgent: 'Bitte bald ärztlich abklären lassen', routine: 'Ärztlich ansprechen',
      seeDoctor: 'Das sollte nicht zuerst mit Massage behandelt werden. Bitte suchen Sie eine Ärztin oder einen Arzt auf.',
      screening: 'Zuerst ein paar Fragen, damit nichts übersehen wird, das ärztlich abgeklärt werden sollte.',
      muscles: 'Muskeln, die häufig solche Schmerzen verursachen', noMuscles: 'Noch sticht kein Muskel hervor.',
      questions: 'Ein paar Fragen würden das präzisieren', yes: 'Ja', no: 'Nein', unsure: 'Weiß nicht', yourAnswers: 'Ihre Antworten',
      locate: 'Wo genau tut es weh?', locateHint: 'Markieren Sie die Stelle auf der Körperkarte oder beschreiben Sie sie in eigenen Worten.', locateChart: 'Auf der Körperkarte zeigen',
      mapTitle: 'Wo eine Therapeutin oder ein Therapeut arbeiten würde', mapAlt: 'Körperkarte: wo es weh tut und wo behandelt würde',
      book: 'Termin buchen', bookIntro: 'Eine Therapeutin oder ein Therapeut kann das vor Ort beurteilen.',
      disclaimer: 'Dies sind allgemeine Informationen über Muskeln, die oft solche Schmerzen verursachen, keine Diagnose. Wenn der Schmerz stark ist, schlimmer wird, plötzlich begann oder mit anderen Beschwerden einhergeht, gehen Sie bitte zum Arzt.',
      unavailable: 'Der Schmerz-Helfer ist gerade leider nicht verfügbar. Bitte versuchen Sie es später noch einmal oder wenden Sie sich direkt an die Praxis.',
      errRate: 'Zu viele Anfragen. Bitte versuchen Sie es in {s} Sekunden erneut.', errRateSoon: 'Zu viele Anfragen. Bitte versuchen Sie es gleich erneut.',
      retry: 'Erneut versuchen',
      chart: 'Körperkarte', chartTitle: 'Markieren Sie, wo es weh tut', chartHint: 'Tippen Sie eine Stelle an, um sie zu markieren, und noch einmal, um die Markierung zu entfernen. Mit den Schaltflächen drehen Sie den Körper oder gehen näher heran.',
      views: { front: 'Vorne', back: 'Hinten', head: 'Kopf', 'hand-palm': 'Handflächen', 'hand-back': 'Handrücken', 'foot-sole': 'Fußsohlen' },
      picked: 'Markiert', pickedNone: 'Noch nichts markiert.', unpick: '{x} entfernen', done: 'Fertig', tooMany: 'Sie können bis zu {n} Stellen markieren.',
      chartUnavailable: 'Die Körperkarte ist gerade nicht verfügbar. Sie können Ihre Schmerzen weiterhin in Worten beschreiben.',
    },
    fr: {
      launcher: 'Où avez-vous mal ?', title: 'Assistant douleur', close: 'Fermer', restart: 'Recommencer',
      intro: 'Dites-moi où vous avez mal et comment, avec vos mots, ou marquez l’endroit sur la carte du corps. Par exemple : « douleur lancinante au talon droit aux premiers pas le matin ».',
      inputLabel: 'Décrivez votre douleur', placeholder: 'Où avez-vous mal, et quand ?', send: 'Envoyer',
      thinking: 'Je lis votre message…', updating: 'Mise à jour…', understood: 'Ce que j’ai compris',
      nothing: 'Je ne reconnais pas encore de région du corps ni de symptôme. Essayez de nommer où vous avez mal, par exemple « nuque », « talon » ou « bas du dos », ou marquez-le sur la carte du corps.',
      negated: 'pas de {x}', left: 'gauche', right: 'droite', both: 'des deux côtés',
      emergency: 'Demandez une aide médicale maintenant', urgent: 'Consultez un médecin rapidement', routine: 'À signaler à un médecin',
      seeDoctor: 'Ce n’est pas à traiter d’abord par un massage. Consultez un médecin.',
      screening: 'D’abord quelques questions, pour vérifier que rien ne demande un médecin.',
      muscles: 'Muscles qui causent souvent ce type de douleur', noMuscles: 'Aucun muscle ne ressort encore.',
      questions: 'Quelques questions permettraient de préciser', yes: 'Oui', no: 'Non', unsure: 'Je ne sais pas', yourAnswers: 'Vos réponses',
      locate: 'Où avez-vous mal exactement ?', locateHint: 'Marquez l’endroit sur la carte du corps, ou décrivez-le avec vos mots.', locateChart: 'Le montrer sur la carte du corps',
      mapTitle: 'Où un thérapeute travaillerait', mapAlt: 'Carte du corps : où vous avez mal et où un thérapeute travaillerait',
      book: 'Prendre rendez-vous', bookIntro: 'Un thérapeute peut l’évaluer en personne.',
      disclaimer: 'Ce sont des informations générales sur les muscles qui causent souvent ce type de douleur, pas un diagnostic. Si la douleur est forte, s’aggrave, est apparue brutalement ou s’accompagne d’autres symptômes, consultez un médecin.',
      unavailable: 'Désolé, l’assistant n’est pas disponible pour le moment. Réessayez plus tard ou contactez directement le cabinet.',
      errRate: 'Trop de demandes. Réessayez dans {s} secondes.', errRateSoon: 'Trop de demandes. Réessayez dans un instant.',
      retry: 'Réessayer',
      chart: 'Carte du corps', chartTitle: 'Marquez où vous avez mal', chartHint: 'Touchez un endroit pour le marquer, touchez-le à nouveau pour le retirer. Les boutons tournent le corps ou rapprochent la vue.',
      views: { front: 'Face', back: 'Dos', head: 'Tête', 'hand-palm': 'Paumes', 'hand-back': 'Dos des mains', 'foot-sole': 'Plantes des pieds' },
      picked: 'Marqué', pickedNone: 'Rien de marqué pour l’instant.', unpick: 'Retirer {x}', done: 'Terminé', tooMany: 'Vous pouvez marquer jusqu’à {n} endroits.',
      chartUnavailable: 'La carte du corps n’est pas disponible pour le moment. Vous pouvez toujours décrire votre douleur avec des mots.',
    },
  }
  /** Language of the texts the API returns (advice, questions, muscle names). */
  var SERVER_LANG = 'en'
  var MAX_TEXT = 2000
  var TIMEOUT_MS = 20000
  /** The API takes at most 12 complaints per request. */
  var MAX_PICKED = 12
  var VIEWS = ['front', 'back', 'head', 'hand-palm', 'hand-back', 'foot-sole']
  /** What an inlined chart may contain: the API's charts use nothing else (anything more is dropped). */
  var SVG_TAGS = { svg: 1, g: 1, path: 1, title: 1, desc: 1, text: 1, rect: 1, circle: 1, line: 1, defs: 1, pattern: 1 }

  var script = document.currentScript || document.querySelector('script[src*="widget.js"][data-api-key], script[src*="widget.js"]')
  if (!script) return
  var data = script.dataset || {}
  var lang = String(data.lang || 'en').toLowerCase().slice(0, 2)
  if (!STRINGS[lang]) lang = 'en'
  var T = STRINGS[lang]
  var apiKey = data.apiKey ? String(data.apiKey).trim() : ''
  var apiBase = String(data.apiBase || new URL(script.src, location.href).origin).replace(/\/+$/, '')
  var bookingUrl = safeHttpUrl(data.bookingUrl)
  var title = data.title ? String(data.title).slice(0, 80) : T.title
  var side = data.position === 'bottom-left' ? 'left' : 'right'
  var colors = palette(data.primaryColor)

  function fmt(s, vars) {
    return s.replace(/\{(\w+)\}/g, function (_m, k) { return vars[k] === undefined ? '' : String(vars[k]) })
  }

  function safeHttpUrl(value) {
    if (!value) return ''
    try {
      var u = new URL(String(value), location.href)
      return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : ''
    } catch {
      return ''
    }
  }

  // --- colours: text on the primary colour and links in it must reach WCAG AA (4.5:1) ---------------
  function parseHex(value) {
    var m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(value || '').trim())
    if (!m) return null
    var h = m[1].length === 3 ? m[1].replace(/./g, '$&$&') : m[1]
    return [0, 2, 4].map(function (i) { return parseInt(h.slice(i, i + 2), 16) })
  }
  function luminance(rgb) {
    var c = rgb.map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4) })
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
  }
  function contrast(a, b) {
    var la = luminance(a); var lb = luminance(b)
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)
  }
  function hex(rgb) {
    return '#' + rgb.map(function (v) { return ('0' + Math.round(v).toString(16)).slice(-2) }).join('')
  }
  function palette(value) {
    var primary = parseHex(value) || [11, 110, 79]
    var white = [255, 255, 255]; var dark = [17, 24, 32]
    var onPrimary = contrast(primary, white) >= contrast(primary, dark) ? white : dark
    var ink = primary
    for (var i = 0; i < 20 && contrast(ink, white) < 4.5; i++) ink = ink.map(function (v) { return v * 0.9 })
    return { primary: hex(primary), onPrimary: hex(onPrimary), ink: hex(ink) }
  }

  // --- styles ---------------------------------------------------------------------------------------
  var CSS = [
    ':host{all:initial}',
    '*{box-sizing:border-box}',
    // all:initial on .root too: the host page's rules (e.g. `* { letter-spacing }`) beat :host and would inherit in
    '.root{all:initial;display:block;--p:' + colors.primary + ';--on-p:' + colors.onPrimary + ';--ink:' + colors.ink + ';font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b2430}',
    'button,input{font:inherit}',
    ':focus-visible{outline:3px solid var(--ink);outline-offset:2px;box-shadow:0 0 0 5px #fff}',
    '.launcher{position:fixed;bottom:16px;' + side + ':16px;z-index:2147483000;display:flex;align-items:center;gap:8px;min-height:48px;padding:10px 18px;border:0;border-radius:24px;background:var(--p);color:var(--on-p);font-weight:600;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}',
    '.launcher svg{width:20px;height:20px;flex:none;fill:currentColor}',
    '.panel{position:fixed;bottom:76px;' + side + ':16px;z-index:2147483001;width:380px;max-width:calc(100vw - 32px);height:580px;max-height:calc(100vh - 92px);display:flex;flex-direction:column;background:#fff;border:1px solid #c5ced8;border-radius:12px;box-shadow:0 10px 30px rgba(0,0,0,.25);overflow:hidden}',
    '.panel[hidden]{display:none}',
    '@media (max-width:480px){.panel{left:8px;right:8px;width:auto;max-width:none;bottom:72px;max-height:calc(100vh - 80px)}.launcher{bottom:12px;' + side + ':8px}}',
    '.head{display:flex;align-items:center;gap:4px;padding:8px 8px 8px 14px;background:var(--p);color:var(--on-p)}',
    '.head h2{flex:1;margin:0;font-size:16px;font-weight:700;overflow-wrap:anywhere}',
    '.icon-btn{min-width:40px;min-height:40px;padding:4px 8px;border:1px solid transparent;border-radius:8px;background:transparent;color:inherit;cursor:pointer;font-size:13px}',
    '.icon-btn:hover{border-color:currentColor}',
    '.head :focus-visible{outline-color:var(--on-p);box-shadow:none}',
    '.log{position:relative;flex:1;overflow-y:auto;overflow-x:hidden;padding:12px;background:#f6f8fa}',
    '.msg{margin:0 0 10px;padding:10px 12px;border-radius:10px;max-width:100%;overflow-wrap:anywhere}',
    '.msg:focus{outline:none}.msg:focus-visible{outline:3px solid var(--ink)}',
    '.user{margin-left:24px;background:var(--p);color:var(--on-p);white-space:pre-wrap}',
    '.bot{margin-right:12px;background:#fff;border:1px solid #d7dee6}',
    '.bot p{margin:0 0 6px}.bot p:last-child{margin-bottom:0}',
    'h3{margin:8px 0 4px;font-size:14px;font-weight:700}h3:first-child{margin-top:0}',
    '.chips{display:flex;flex-wrap:wrap;gap:6px;margin:0 0 8px;padding:0;list-style:none}',
    '.chip{padding:2px 10px;border:1px solid #b8c4d0;border-radius:999px;background:#eef2f6;color:#1b2430;font-size:13px}',
    '.chip.neg{border-style:dashed;background:#fff;color:#4a5561}',
    '.alert{margin:0 0 8px;padding:10px 12px;border-radius:8px;background:#9b1c1c;color:#fff}',
    '.alert.urgent{background:#8a3b00}',
    '.alert h3{font-size:16px;color:#fff}',
    '.notice{margin:0 0 8px;padding:8px 10px;border-left:4px solid #8a5a00;border-radius:4px;background:#fff6e0;color:#3d2a00}',
    '.muscles{margin:0 0 8px;padding-left:22px}.muscles li{margin:0 0 6px}',
    '.why{display:block;color:#4a5561;font-size:13px}',
    '.q{margin:0 0 10px;padding:8px;border:1px solid #d7dee6;border-radius:8px}',
    '.q p{margin:0 0 6px}',
    '.answers{display:flex;flex-wrap:wrap;gap:6px}',
    '.answers button,.retry{min-height:36px;padding:4px 12px;border:2px solid var(--ink);border-radius:18px;background:#fff;color:var(--ink);cursor:pointer;font-weight:600}',
    '.answers button[aria-pressed="true"]{background:var(--ink);color:#fff}',
    '.answers button:disabled{cursor:default}',
    '.answers button:disabled:not([aria-pressed="true"]){border-color:#8895a3;color:#4a5561}',
    '.book{display:inline-block;margin-top:4px;padding:8px 14px;border-radius:18px;background:var(--p);color:var(--on-p);font-weight:700;text-decoration:none}',
    '.book:hover{text-decoration:underline}',
    '.small{margin-top:8px;color:#4a5561;font-size:12px}',
    '.error{border-color:#9b1c1c;color:#7a1010}',
    '.form{display:flex;gap:6px;padding:10px;border-top:1px solid #d7dee6;background:#fff}',
    '.form input{flex:1;min-width:0;min-height:42px;padding:8px 10px;border:1px solid #6b7785;border-radius:8px;color:#1b2430;background:#fff}',
    '.send{min-height:42px;padding:8px 14px;border:0;border-radius:8px;background:var(--p);color:var(--on-p);font-weight:700;cursor:pointer}',
    '.send[aria-disabled="true"]{opacity:.7;cursor:progress}',
    '.form .chart-btn{min-height:42px;padding:8px 10px;border:2px solid var(--ink);border-radius:8px;background:#fff;color:var(--ink);font-weight:700;cursor:pointer}',
    '.form .chart-btn[aria-expanded="true"]{background:var(--ink);color:#fff}',
    '.chart{flex:1;overflow-y:auto;overflow-x:hidden;padding:10px 12px;background:#fff}',
    '.chart[hidden],.log[hidden]{display:none}',
    '.chart h3{font-size:15px}',
    '.hint{margin:0 0 8px;color:#4a5561;font-size:13px}',
    '.views{display:flex;flex-wrap:wrap;gap:6px;margin:0 0 8px}',
    '.views button,.done,.unpick,.locate-btn,.option{min-height:36px;padding:4px 10px;border:2px solid var(--ink);border-radius:18px;background:#fff;color:var(--ink);cursor:pointer;font-weight:600}',
    '.views button[aria-pressed="true"]{background:var(--ink);color:#fff}',
    '.svgwrap{margin:0 0 8px;text-align:center}',
    '.svgwrap svg{display:inline-block;width:100%;max-width:340px;height:auto}',
    '.svgwrap [data-region]{cursor:pointer}',
    '.svgwrap [data-region]:hover{fill:#cfe0ee}',
    '.svgwrap [data-region][aria-checked="true"]{fill:var(--p)}',
    '.svgwrap [data-region]:focus{outline:none}',
    '.svgwrap [data-region]:focus-visible{stroke:#111820;stroke-width:3}',
    '.picked{display:flex;flex-wrap:wrap;gap:6px;margin:0 0 8px;padding:0;list-style:none}',
    '.unpick{min-height:32px;font-weight:400}',
    '.unpick span{margin-left:6px;font-weight:700}',
    '.notice-s{margin:0 0 8px;color:#7a1010}',
    '.map{margin:8px 0}.map img{display:block;width:100%;height:auto;border:1px solid #d7dee6;border-radius:6px;background:#fff}',
    '.map[hidden]{display:none}',
    '.answered{margin:0 0 8px;padding-left:18px;color:#4a5561;font-size:13px}',
    '.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}',
  ].join('\n')

  function applyStyles(root) {
    try {
      if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function') {
        var sheet = new CSSStyleSheet()
        sheet.replaceSync(CSS)
        root.adoptedStyleSheets = [sheet]
        return
      }
    } catch { /* fall back to a <style> element */ }
    var style = document.createElement('style')
    style.textContent = CSS
    root.appendChild(style)
  }

  // --- DOM helpers (text only ever goes through textContent) ------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag)
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k]
      if (v === undefined || v === null || v === false) return
      if (k === 'text') node.textContent = v
      else if (k === 'on') Object.keys(v).forEach(function (ev) { node.addEventListener(ev, v[ev]) })
      else node.setAttribute(k, v === true ? '' : v)
    })
    ;(children || []).forEach(function (c) { if (c) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c) })
    return node
  }
  var uid = 0
  function nextId(prefix) { uid += 1; return 'nmt-' + prefix + '-' + uid }

  var ICON = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6v2h2v-2H7zm4 0v2h2v-2h-2zm4 0v2h2v-2h-2z"/></svg>'

  // --- plain words: why a muscle is listed ---------------------------------------------------------------
  function lowerFirst(s) { return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s }
  function andList(items) { return items.length < 2 ? items.join('') : items.slice(0, -1).join(', ') + ' and ' + items[items.length - 1] }

  /** A region label as it reads after "sends pain to": "your temple", "the back of your neck", "between the shoulder blades". */
  function place(label) {
    var l = lowerFirst(String(label))
    if (/^(between|behind|around|just|deep|above|below|under)\b/.test(l)) return l
    var m = /^(.+?) of (the )?(.+)$/.exec(l)
    return m ? 'the ' + m[1] + ' of your ' + m[3] : 'your ' + l
  }

  /**
   * Why a muscle is listed, in the client's words: the muscle's own summary when the API gives one,
   * else where it commonly sends pain (its referral zones among the reported areas), else the condition
   * or activity that brought it up. The API's `detail` texts are for therapists and developers.
   */
  function plainWhy(m, names) {
    if (m.summary) return String(m.summary)
    var ex = m.explanation || []
    var zones = ex.filter(function (e) { return e.kind === 'zone' })
    var places = []
    zones.forEach(function (z) {
      var label = names.region[String(z.ref || '').split('@')[1]]
      if (label && places.indexOf(place(label)) < 0) places.push(place(label))
    })
    if (places.length) {
      var spillover = zones.every(function (z) { return /spillover/.test(String(z.detail)) })
      return (spillover ? 'Can also send pain to ' : 'Commonly sends pain to ') + andList(places.slice(0, 3))
    }
    // A muscle listed because it lies where it hurts (no referral zone among the reported areas).
    var local = ex.filter(function (e) { return e.kind === 'local' })[0]
    var localLabel = local && names.region[String(local.ref || '').replace(/^local:/, '')]
    if (localLabel) return 'Lies in ' + place(localLabel) + ', and can hurt right where it is'
    for (var i = 0; i < ex.length; i++) {
      if (ex[i].kind === 'condition' && names.condition[ex[i].ref]) return 'Often involved in ' + lowerFirst(names.condition[ex[i].ref])
      var context = ex[i].kind === 'context' && names.context[String(ex[i].ref).replace(/^context:/, '')]
      if (context) return 'Often made worse by ' + lowerFirst(context)
    }
    return ''
  }

  // --- the UI ---------------------------------------------------------------------------------------
  function mount() {
    // A custom tag name, so the host page's element selectors (div, aside...) do not reach the host.
    var host = el('nmt-chat-widget', { 'data-nmt-widget': '' })
    document.body.appendChild(host)
    var shadow = host.attachShadow({ mode: 'open' })
    applyStyles(shadow)

    var panelId = nextId('panel'); var titleId = nextId('title'); var inputId = nextId('input'); var chartId = nextId('chart'); var chartTitleId = nextId('ct')
    var launcher = el('button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': panelId })
    launcher.innerHTML = ICON // a constant, never data
    launcher.appendChild(el('span', { text: T.launcher }))

    var log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-labelledby': titleId })
    var input = el('input', {
      id: inputId, type: 'text', maxlength: String(MAX_TEXT), autocomplete: 'off', placeholder: T.placeholder, enterkeyhint: 'send',
    })
    var send = el('button', { type: 'submit', class: 'send', text: T.send })
    var chartBtn = el('button', { type: 'button', class: 'chart-btn', 'aria-expanded': 'false', 'aria-controls': chartId, text: T.chart })
    var form = el('form', { class: 'form', novalidate: true }, [chartBtn, el('label', { class: 'sr', for: inputId, text: T.inputLabel }), input, send])
    var restart = el('button', { type: 'button', class: 'icon-btn', text: T.restart })
    var closeBtn = el('button', { type: 'button', class: 'icon-btn', 'aria-label': T.close, text: '✕' })

    // The body chart: views to switch between, the chart itself (inlined, so shapes can be tapped), what is marked.
    var viewButtons = {}
    var viewsBar = el('div', { class: 'views', role: 'group', 'aria-label': T.chart })
    VIEWS.forEach(function (v) {
      viewButtons[v] = el('button', { type: 'button', 'aria-pressed': 'false', text: T.views[v], on: { click: function () { showView(v) } } })
      viewsBar.appendChild(viewButtons[v])
    })
    var svgWrap = el('div', { class: 'svgwrap' })
    var pickedList = el('ul', { class: 'picked' })
    var chartNote = el('p', { class: 'notice-s', role: 'status' })
    var doneBtn = el('button', { type: 'button', class: 'done', text: T.done })
    var chartBox = el('section', { id: chartId, class: 'chart', hidden: true, 'aria-labelledby': chartTitleId }, [
      el('h3', { id: chartTitleId, text: T.chartTitle }), el('p', { class: 'hint', text: T.chartHint }), viewsBar, chartNote, svgWrap,
      el('h3', { text: T.picked }), pickedList, doneBtn,
    ])

    var panel = el('div', { id: panelId, class: 'panel', role: 'dialog', 'aria-labelledby': titleId, hidden: true, lang: lang }, [
      el('div', { class: 'head' }, [el('h2', { id: titleId, text: title }), restart, closeBtn]),
      log,
      chartBox,
      form,
    ])
    var root = el('div', { class: 'root', lang: lang }, [launcher, panel])
    shadow.appendChild(root)

    // picked: regions marked on the chart ({ key, region, side, label }); turns: each message sent and its result.
    var state = { busy: false, picked: [], turns: [], charts: {}, view: '' }

    function intro() {
      log.textContent = ''
      log.appendChild(el('div', { class: 'msg bot' }, [el('p', { text: T.intro })]))
    }
    intro()
    renderPicked()

    function open() {
      panel.hidden = false
      launcher.setAttribute('aria-expanded', 'true')
      input.focus()
    }
    function close() {
      panel.hidden = true
      launcher.setAttribute('aria-expanded', 'false')
      launcher.focus()
    }
    launcher.addEventListener('click', function () { if (panel.hidden) open(); else close() })
    closeBtn.addEventListener('click', close)
    restart.addEventListener('click', function () {
      state.turns.forEach(forget)
      state.turns = []; state.picked = []
      input.value = ''
      closeChart(false)
      syncChecked(); renderPicked()
      intro()
      input.focus()
    })
    shadow.addEventListener('keydown', function (e) {
      if (e.key !== 'Escape' || panel.hidden) return
      e.preventDefault()
      if (!chartBox.hidden) closeChart(false)
      else close()
    })

    function addMessage(node, focus) {
      log.appendChild(node)
      reveal(node, focus)
      return node
    }
    function reveal(node, focus) {
      log.scrollTop = Math.max(0, node.offsetTop - 8)
      if (focus) { node.setAttribute('tabindex', '-1'); node.focus() }
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault()
      var text = input.value.trim().slice(0, MAX_TEXT)
      var complaints = pickedComplaints()
      if ((!text && complaints.length === 0) || state.busy) return
      input.value = ''
      if (!chartBox.hidden) closeChart(false)
      var turn = { text: text, complaints: complaints, answers: {}, answered: [], node: null, blobs: [] }
      state.turns.push(turn)
      var said = el('div', { class: 'msg user' }, text ? [text] : [])
      if (state.picked.length) {
        said.appendChild(el('p', {}, [T.picked + ': ', el('span', { lang: SERVER_LANG, text: state.picked.map(function (p) { return p.label }).join(', ') })]))
      }
      addMessage(said)
      run(turn, false)
    })

    /** Ask the API for a turn; its first answer is a new message, later ones (answers, a picked spot) replace it in place. */
    function run(turn, focus) {
      state.busy = true
      send.setAttribute('aria-disabled', 'true')
      log.setAttribute('aria-busy', 'true')
      var pending
      if (turn.node) {
        pending = turn.node
        pending.setAttribute('aria-busy', 'true')
        pending.appendChild(el('p', { class: 'small', role: 'status', text: T.updating }))
      } else {
        pending = addMessage(el('div', { class: 'msg bot', text: T.thinking }), focus)
      }
      Promise.all([recommend(turn), labels()]).then(function (r) {
        return renderResult(r[0], r[1], turn)
      }, function (err) {
        return renderError(err, turn)
      }).then(function (node) {
        forget(turn)
        pending.replaceWith(node)
        turn.node = node
        if (node.__map) loadMap(node.__map, turn)
        reveal(node, focus)
        state.busy = false
        send.removeAttribute('aria-disabled')
        log.removeAttribute('aria-busy')
      })
    }

    function forget(turn) {
      turn.blobs.forEach(function (u) { URL.revokeObjectURL(u) })
      turn.blobs = []
    }

    function renderError(err, turn) {
      var retry = el('button', { type: 'button', class: 'retry', text: T.retry })
      var msg = el('div', { class: 'msg bot error' }, [el('p', { text: err && err.userMessage ? err.userMessage : T.unavailable }), retry])
      retry.addEventListener('click', function () { if (!state.busy) { retry.disabled = true; run(turn, true) } })
      return msg
    }

    function renderResult(res, names, turn) {
      var msg = el('div', { class: 'msg bot' })
      var understood = renderUnderstood(res.interpreted || {}, names, (res.triage && res.triage.flags) || [])
      if (understood) {
        msg.appendChild(el('h3', { text: T.understood }))
        msg.appendChild(understood)
      }
      var triage = res.triage || { level: 'none', flags: [] }
      var flags = triage.flags || []
      if (triage.level === 'emergency' || triage.level === 'urgent') {
        var alert = el('div', { class: 'alert ' + triage.level, role: 'alert' }, [el('h3', { text: T[triage.level] })])
        flags.filter(function (f) { return f.level !== 'routine' }).forEach(function (f) {
          alert.appendChild(el('p', { lang: SERVER_LANG }, [el('strong', { text: f.title })]))
          alert.appendChild(el('p', { lang: SERVER_LANG, text: f.advice }))
        })
        alert.appendChild(el('p', { text: T.seeDoctor }))
        msg.appendChild(alert)
        msg.appendChild(el('p', { class: 'small', text: T.disclaimer }))
        return msg
      }
      if (triage.level === 'routine') {
        var notice = el('div', { class: 'notice', role: 'note' }, [el('h3', { text: T.routine })])
        flags.forEach(function (f) { notice.appendChild(el('p', { lang: SERVER_LANG, text: f.title + ': ' + f.advice })) })
        msg.appendChild(notice)
      }
      if (triage.possible && triage.possible.length) msg.appendChild(el('p', { class: 'notice-s', text: T.screening }))
      var muscles = res.muscles || []
      var questions = res.questions || []
      if (muscles.length > 0) {
        msg.appendChild(el('h3', { text: T.muscles }))
        msg.appendChild(el('ol', { class: 'muscles', lang: SERVER_LANG }, muscles.map(function (m) {
          var why = plainWhy(m, names)
          return el('li', {}, [el('strong', { text: m.name }), why ? el('span', { class: 'why', text: why }) : null])
        })))
        if (res.mapUrl) {
          // Filled in once the map is fetched (with the key, shown through a blob URL); hidden until then.
          msg.__map = { url: res.mapUrl, figure: el('figure', { class: 'map', hidden: true }, [el('figcaption', {}, [el('h3', { text: T.mapTitle })])]) }
          msg.appendChild(msg.__map.figure)
        }
      } else {
        msg.appendChild(el('p', { text: understood ? T.noMuscles : T.nothing }))
      }
      if (turn.answered.length) {
        msg.appendChild(el('h3', { text: T.yourAnswers }))
        msg.appendChild(el('ul', { class: 'answered' }, turn.answered.map(function (a) {
          return el('li', {}, [el('span', { lang: SERVER_LANG, text: a.q }), ' ', el('strong', { text: a.a })])
        })))
      }
      if (questions.length > 0) {
        msg.appendChild(el('h3', { text: T.questions }))
        questions.forEach(function (q) { msg.appendChild(renderQuestion(q, turn, res, names)) })
      } else if (muscles.length === 0) {
        // Never "nothing stands out" without a way on: ask where, and offer the chart.
        var qid = nextId('q')
        msg.appendChild(el('div', { class: 'q', role: 'group', 'aria-labelledby': qid }, [
          el('p', { id: qid }, [el('strong', { text: T.locate })]), el('p', { text: T.locateHint }),
          el('button', { type: 'button', class: 'locate-btn', text: T.locateChart, on: { click: function () { openChart() } } }),
        ]))
      }
      if (bookingUrl && muscles.length > 0) {
        msg.appendChild(el('p', { text: T.bookIntro }))
        msg.appendChild(el('p', {}, [el('a', { class: 'book', href: bookingUrl, rel: 'noopener', text: T.book })]))
      }
      msg.appendChild(el('p', { class: 'small', text: T.disclaimer }))
      return msg
    }

    function renderQuestion(q, turn, res, names) {
      var qid = nextId('q')
      var row = el('div', { class: 'answers' })
      var all = []
      var options = (q.options || []).filter(function (o) { return o && (o.region || o.id) })
      var choices = options.length
        ? options.map(function (o) { return { label: o.label || o.region || o.id, server: true, act: function () { turn.complaints = turn.complaints.concat([complaintOf(o, res, names)]) } } })
        : [['yes', T.yes], ['no', T.no], ['unknown', T.unsure]].map(function (a) { return { label: a[1], act: function () { turn.answers[q.id] = a[0] } } })
      choices.forEach(function (c) {
        var b = el('button', { type: 'button', class: options.length ? 'option' : null, 'aria-pressed': 'false', lang: c.server ? SERVER_LANG : null, text: c.label })
        b.addEventListener('click', function () {
          if (state.busy) return
          all.forEach(function (x) { x.disabled = true })
          b.setAttribute('aria-pressed', 'true')
          c.act()
          turn.answered.push({ q: q.text, a: c.label })
          run(turn, true)
        })
        all.push(b)
        row.appendChild(b)
      })
      return el('div', { class: 'q', role: 'group', 'aria-labelledby': qid }, [el('p', { id: qid, lang: SERVER_LANG, text: q.text }), row])
    }

    /**
     * A picked option of a "where exactly?" (locate) question, as a structured complaint: on the side
     * the client gave for the broader region it narrows, when they gave one.
     */
    function complaintOf(option, res, names) {
      var c = { region: String(option.region || option.id) }
      var broader = {}
      for (var r = names.parent[c.region]; r; r = names.parent[r]) broader[r] = true
      var complaints = (res.interpreted && res.interpreted.complaints) || []
      for (var i = 0; i < complaints.length; i++) {
        if (broader[complaints[i].region] && complaints[i].side) { c.side = complaints[i].side; break }
      }
      return c
    }

    function loadMap(map, turn) {
      fetchSvg(map.url).then(function (svg) {
        var desc = svgDesc(svg)
        var url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }))
        turn.blobs.push(url)
        map.figure.appendChild(el('img', { src: url, alt: desc || T.mapAlt, lang: desc ? SERVER_LANG : null }))
        map.figure.hidden = false
      }, function () { /* the reason is logged; the list stands without its map */ })
    }

    function renderUnderstood(it, names, flags) {
      var chips = []
      var because = {}
      flags.forEach(function (f) { (f.because || []).forEach(function (b) { because[b.fact] = b.label }) })
      function name(kind, v) {
        var id = typeof v === 'string' ? v : v && v.id
        if (v && typeof v === 'object' && v.label) return v.label
        return (names[kind] && names[kind][id]) || because[kind + ':' + id] || String(id || '').replace(/-/g, ' ')
      }
      // A chip is a list of parts: strings are the widget's own words (UI language), [text] the API's words.
      function server(text) { return [text] }
      ;(it.complaints || []).forEach(function (c) {
        var where = [server(c.label || name('region', c.region))]
        if (c.side && T[c.side]) where.push(' (' + T[c.side] + ')')
        chips.push({ parts: where })
        ;(c.sensations || []).forEach(function (s) { chips.push({ parts: [server(name('sensation', s))] }) })
      })
      ;(it.sensations || []).forEach(function (s) { chips.push({ parts: [server(name('sensation', s))] }) })
      ;(it.contexts || []).forEach(function (s) { chips.push({ parts: [server(name('context', s))] }) })
      ;(it.conditions || []).forEach(function (s) { chips.push({ parts: [server(name('condition', s))] }) })
      ;(it.signs || []).forEach(function (s) { chips.push({ parts: [server(name('sign', s))] }) })
      ;(it.negated || []).forEach(function (n) {
        var bits = String(n).split(':')
        var label = bits.length > 1 ? name(bits[0], bits.slice(1).join(':')) : name('', n)
        var around = T.negated.split('{x}')
        chips.push({ parts: [around[0], server(label.toLowerCase()), around[1] || ''], neg: true })
      })
      var seen = {}
      return renderChips(chips.filter(function (c) {
        var k = c.parts.join('').toLowerCase()
        if (seen[k]) return false
        seen[k] = true
        return true
      }))
    }

    function renderChips(chips) {
      if (chips.length === 0) return null
      return el('ul', { class: 'chips' }, chips.map(function (c) {
        return el('li', { class: c.neg ? 'chip neg' : 'chip' }, c.parts.map(function (p) {
          return typeof p === 'string' ? p : el('span', { lang: SERVER_LANG, text: p[0] })
        }))
      }))
    }

    // --- the body chart -------------------------------------------------------------------------------
    chartBtn.addEventListener('click', function () { if (chartBox.hidden) openChart(); else closeChart(true) })
    doneBtn.addEventListener('click', function () { closeChart(false) })

    function openChart() {
      chartBox.hidden = false
      log.hidden = true
      chartBtn.setAttribute('aria-expanded', 'true')
      showView(state.view || 'front')
      viewButtons[state.view].focus()
    }
    function closeChart(focusButton) {
      if (chartBox.hidden) return
      chartBox.hidden = true
      log.hidden = false
      chartBtn.setAttribute('aria-expanded', 'false')
      if (focusButton) chartBtn.focus(); else input.focus()
    }

    function showView(v) {
      state.view = v
      VIEWS.forEach(function (x) { viewButtons[x].setAttribute('aria-pressed', x === v ? 'true' : 'false') })
      chartNote.textContent = ''
      if (state.charts[v]) return mountChart(state.charts[v])
      svgWrap.textContent = ''
      fetchSvg('/v1/regions/map.svg?view=' + v).then(function (text) {
        state.charts[v] = prepareChart(text, v)
        if (state.view === v) mountChart(state.charts[v])
      }, function () { chartNote.textContent = T.chartUnavailable })
    }

    function mountChart(svg) {
      svgWrap.textContent = ''
      svgWrap.appendChild(svg)
      syncChecked()
    }

    /** The API's chart, stripped to drawing elements and made operable: each region shape a checkbox, one tab stop, arrows between shapes. */
    function prepareChart(text, v) {
      var doc = new DOMParser().parseFromString(text, 'image/svg+xml')
      if (!doc.documentElement || doc.documentElement.nodeName !== 'svg') throw new Error('not an SVG chart')
      clean(doc.documentElement)
      var svg = document.importNode(doc.documentElement, true)
      ;['width', 'height', 'aria-labelledby'].forEach(function (a) { svg.removeAttribute(a) })
      svg.setAttribute('role', 'group')
      svg.setAttribute('aria-label', T.views[v])
      Array.prototype.forEach.call(svg.querySelectorAll('title, desc'), function (n) { n.removeAttribute('id') })
      shapesOf(svg).forEach(function (p, i) {
        p.setAttribute('role', 'checkbox')
        p.setAttribute('aria-checked', 'false')
        p.setAttribute('aria-label', labelOf(p))
        p.setAttribute('tabindex', i === 0 ? '0' : '-1')
      })
      svg.addEventListener('click', function (e) {
        var shape = e.target.closest && e.target.closest('[data-region]')
        if (shape) toggle(shape)
      })
      svg.addEventListener('keydown', function (e) {
        var list = shapesOf(svg)
        var i = list.indexOf(e.target)
        if (i < 0) return
        var to = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: list.length - 1 }[e.key]
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(e.target) }
        else if (to !== undefined) {
          e.preventDefault()
          var next = list[(to + list.length) % list.length]
          list[i].setAttribute('tabindex', '-1')
          next.setAttribute('tabindex', '0')
          next.focus()
        }
      })
      return svg
    }

    function clean(node) {
      Array.prototype.slice.call(node.children).forEach(function (child) {
        if (!SVG_TAGS[child.localName]) child.remove()
        else clean(child)
      })
      Array.prototype.slice.call(node.attributes).forEach(function (a) {
        if (/^on|href$|^style$/i.test(a.name)) node.removeAttribute(a.name)
      })
    }

    function shapesOf(svg) { return Array.prototype.slice.call(svg.querySelectorAll('[data-region]')) }
    function labelOf(shape) { var t = shape.querySelector('title'); return t ? t.textContent : shape.getAttribute('data-region') }
    function keyOf(shape) { return shape.getAttribute('data-region') + ':' + (shape.getAttribute('data-side') || '') }
    function pickedIndex(key) {
      for (var i = 0; i < state.picked.length; i++) if (state.picked[i].key === key) return i
      return -1
    }

    /** Tap: mark a region on its side, or unmark it. */
    function toggle(shape) {
      var key = keyOf(shape)
      var i = pickedIndex(key)
      if (i >= 0) state.picked.splice(i, 1)
      else if (state.picked.length >= MAX_PICKED) { chartNote.textContent = fmt(T.tooMany, { n: MAX_PICKED }); return }
      else state.picked.push({ key: key, region: shape.getAttribute('data-region'), side: shape.getAttribute('data-side'), label: labelOf(shape) })
      chartNote.textContent = ''
      syncChecked()
      renderPicked()
    }

    function syncChecked() {
      Object.keys(state.charts).forEach(function (v) {
        shapesOf(state.charts[v]).forEach(function (p) { p.setAttribute('aria-checked', pickedIndex(keyOf(p)) >= 0 ? 'true' : 'false') })
      })
    }

    function renderPicked() {
      pickedList.textContent = ''
      if (state.picked.length === 0) pickedList.appendChild(el('li', { class: 'hint', text: T.pickedNone }))
      state.picked.forEach(function (p) {
        pickedList.appendChild(el('li', {}, [el('button', {
          type: 'button', class: 'unpick', 'aria-label': fmt(T.unpick, { x: p.label }),
          on: { click: function () {
            var i = pickedIndex(p.key)
            if (i >= 0) state.picked.splice(i, 1)
            syncChecked(); renderPicked()
            doneBtn.focus()
          } },
        }, [el('span', { lang: SERVER_LANG, text: p.label }), el('span', { 'aria-hidden': 'true', text: '✕' })])]))
      })
      chartBtn.textContent = state.picked.length ? T.chart + ' (' + state.picked.length + ')' : T.chart
    }

    /** What is marked, as the API's complaints: one per region, `both` when both sides are marked. */
    function pickedComplaints() {
      var sides = {}; var order = []
      state.picked.forEach(function (p) {
        if (!sides[p.region]) { sides[p.region] = []; order.push(p.region) }
        if (p.side) sides[p.region].push(p.side)
      })
      return order.map(function (r) {
        var s = sides[r]
        var c = { region: r }
        if (s.indexOf('left') >= 0 && s.indexOf('right') >= 0) c.side = 'both'
        else if (s.length) c.side = s[0]
        return c
      })
    }
  }

  // --- the API ----------------------------------------------------------------------------------------
  function headers(json, accept) {
    var h = { accept: accept || 'application/json, application/problem+json' }
    if (json) h['content-type'] = 'application/json'
    if (apiKey) h.authorization = 'Bearer ' + apiKey
    return h
  }

  function userError(message) {
    var e = new Error('request failed')
    e.userMessage = message
    return e
  }

  /**
   * Why a call failed, for the site's developer (a wrong key, a missing origin, a server error): only
   * to the console, with the path but never its query, and never anything the client typed.
   */
  function logReason(reason) {
    // The one place the widget writes to the console: reasons, never the client's words.
    if (window.console && window.console.warn) window.console.warn('NMT widget: ' + reason)
  }

  function unavailable(reason) {
    logReason(reason)
    return userError(T.unavailable)
  }

  function call(path, init) {
    var ctrl = typeof AbortController === 'function' ? new AbortController() : null
    var timer = setTimeout(function () { if (ctrl) ctrl.abort() }, TIMEOUT_MS)
    var opts = Object.assign({ credentials: 'omit', cache: 'no-store', referrerPolicy: 'strict-origin-when-cross-origin' }, init)
    if (ctrl) opts.signal = ctrl.signal
    var where = path.split('?')[0]
    return fetch(apiBase + path, opts).then(function (res) {
      clearTimeout(timer)
      return res
    }, function (err) {
      clearTimeout(timer)
      throw unavailable((ctrl && ctrl.signal.aborted ? 'no answer within ' + TIMEOUT_MS + ' ms from ' : 'network error (' + (err && err.name) + ', or CORS: is this page\'s origin on the key?) calling ') + apiBase + where)
    })
  }

  /** A failed answer: a friendly message on screen; the status, the problem's code and its detail to logReason. */
  function failed(res, path) {
    var where = path.split('?')[0]
    if (res.status === 429) {
      var secs = parseInt(res.headers.get('retry-after') || '', 10)
      logReason('rate limited (429) on ' + where)
      return Promise.reject(userError(secs > 0 ? fmt(T.errRate, { s: secs }) : T.errRateSoon))
    }
    return res.json().then(function (p) { return p && p.code ? p.code + ': ' + p.detail : '' }, function () { return '' }).then(function (why) {
      throw unavailable('HTTP ' + res.status + ' from ' + where + (why ? ' (' + why + ')' : ''))
    })
  }

  function recommend(turn) {
    var body = { answers: turn.answers, limit: 5 }
    if (turn.text) body.text = turn.text
    if (turn.complaints.length) body.complaints = turn.complaints
    var path = '/v1/recommendations'
    return call(path, { method: 'POST', headers: headers(true), body: JSON.stringify(body) }).then(function (res) {
      return res.ok ? res.json() : failed(res, path)
    })
  }

  /** An SVG from the API (a chart, a map): only paths under /v1/, fetched with the key. */
  function fetchSvg(path) {
    if (!/^\/v1\/[A-Za-z0-9\-._~/?=&:,%]*$/.test(String(path))) return Promise.reject(unavailable('not an API path: ' + String(path).split('?')[0]))
    return call(path, { method: 'GET', headers: headers(false, 'image/svg+xml, application/problem+json'), cache: 'default' }).then(function (res) {
      return res.ok ? res.text() : failed(res, path)
    })
  }

  function svgDesc(text) {
    try {
      var d = new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('desc')
      return d ? d.textContent : ''
    } catch {
      return ''
    }
  }

  /** Labels of region, sensation, context and condition ids, and each region's parent, fetched once (cacheable reference data). */
  var labelsPromise = null
  function labels() {
    if (labelsPromise) return labelsPromise
    function items(path) {
      return call(path, { method: 'GET', headers: headers(false), cache: 'default' }).then(function (res) {
        if (res.ok) return res.json()
        logReason('HTTP ' + res.status + ' from ' + path + ': labels shown as ids')
        return { items: [] }
      }).then(function (body) { return body.items || [] }).catch(function () { return [] })
    }
    function byId(list, field) {
      var map = {}
      list.forEach(function (x) { map[x.id] = x[field] })
      return map
    }
    labelsPromise = Promise.all([items('/v1/sensations'), items('/v1/contexts'), items('/v1/conditions'), items('/v1/regions')]).then(function (r) {
      return { sensation: byId(r[0], 'label'), context: byId(r[1], 'label'), condition: byId(r[2], 'name'), region: byId(r[3], 'label'), parent: byId(r[3], 'parentId') }
    })
    return labelsPromise
  }

  if (document.body) mount()
  else document.addEventListener('DOMContentLoaded', mount)
})()
