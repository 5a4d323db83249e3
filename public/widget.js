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
      intro: 'Tell me where it hurts and how, in your own words. For example: "stabbing pain in my right heel with my first steps in the morning".',
      inputLabel: 'Describe your pain', placeholder: 'Where does it hurt, and when?', send: 'Send',
      thinking: 'Reading what you wrote…', understood: 'What I understood',
      nothing: 'I could not recognise a body region or symptom yet. Try naming where it hurts, for example "neck", "heel" or "lower back".',
      negated: 'no {x}', left: 'left', right: 'right', both: 'both sides',
      emergency: 'Get medical help now', urgent: 'Please see a doctor soon', routine: 'Worth mentioning to a doctor',
      seeDoctor: 'This is not something to treat with massage first. Please see a doctor.',
      muscles: 'Muscles commonly associated with this pattern', noMuscles: 'No muscle stands out yet. The questions below can help.',
      questions: 'A few questions would sharpen this', yes: 'Yes', no: 'No', unsure: 'Not sure',
      book: 'Book an appointment', bookIntro: 'A therapist can assess this in person.',
      errNetwork: 'The service could not be reached. Check your connection and try again.',
      errRate: 'Too many requests right now. Please try again in {s} seconds.', errRateSoon: 'Too many requests right now. Please try again shortly.',
      errServer: 'Something went wrong on our side. Please try again later.', errRequest: 'That could not be processed: {d}',
      retry: 'Try again',
    },
    es: {
      launcher: '¿Dónde le duele?', title: 'Asistente de dolor', close: 'Cerrar', restart: 'Empezar de nuevo',
      intro: 'Cuénteme dónde le duele y cómo, con sus propias palabras. Por ejemplo: "dolor punzante en el talón derecho al dar los primeros pasos por la mañana".',
      inputLabel: 'Describa su dolor', placeholder: '¿Dónde le duele y cuándo?', send: 'Enviar',
      thinking: 'Leyendo lo que ha escrito…', understood: 'Lo que he entendido',
      nothing: 'Todavía no reconozco ninguna zona del cuerpo ni síntoma. Pruebe a nombrar dónde le duele, por ejemplo "cuello", "talón" o "zona lumbar".',
      negated: 'sin {x}', left: 'izquierda', right: 'derecha', both: 'ambos lados',
      emergency: 'Busque ayuda médica ahora', urgent: 'Consulte a un médico pronto', routine: 'Conviene comentarlo con un médico',
      seeDoctor: 'No es algo que deba tratarse primero con masaje. Consulte a un médico.',
      muscles: 'Músculos asociados habitualmente a este patrón', noMuscles: 'Ningún músculo destaca todavía. Las preguntas de abajo pueden ayudar.',
      questions: 'Algunas preguntas ayudarían a precisar', yes: 'Sí', no: 'No', unsure: 'No estoy seguro',
      book: 'Reservar una cita', bookIntro: 'Un terapeuta puede valorarlo en persona.',
      errNetwork: 'No se pudo conectar con el servicio. Compruebe su conexión e inténtelo de nuevo.',
      errRate: 'Demasiadas solicitudes. Inténtelo de nuevo dentro de {s} segundos.', errRateSoon: 'Demasiadas solicitudes. Inténtelo de nuevo en breve.',
      errServer: 'Algo ha fallado por nuestra parte. Inténtelo más tarde.', errRequest: 'No se pudo procesar: {d}',
      retry: 'Reintentar',
    },
    de: {
      launcher: 'Wo tut es weh?', title: 'Schmerzmuster-Helfer', close: 'Schließen', restart: 'Neu beginnen',
      intro: 'Beschreiben Sie in eigenen Worten, wo und wie es weh tut. Zum Beispiel: "stechender Schmerz in der rechten Ferse bei den ersten Schritten am Morgen".',
      inputLabel: 'Beschreiben Sie Ihre Schmerzen', placeholder: 'Wo tut es weh, und wann?', send: 'Senden',
      thinking: 'Ich lese Ihre Nachricht…', understood: 'Was ich verstanden habe',
      nothing: 'Ich konnte noch keine Körperregion und kein Symptom erkennen. Nennen Sie, wo es weh tut, zum Beispiel "Nacken", "Ferse" oder "unterer Rücken".',
      negated: 'kein(e) {x}', left: 'links', right: 'rechts', both: 'beidseitig',
      emergency: 'Holen Sie sofort ärztliche Hilfe', urgent: 'Bitte bald ärztlich abklären lassen', routine: 'Ärztlich ansprechen',
      seeDoctor: 'Das sollte nicht zuerst mit Massage behandelt werden. Bitte suchen Sie eine Ärztin oder einen Arzt auf.',
      muscles: 'Muskeln, die häufig mit diesem Muster verbunden sind', noMuscles: 'Noch sticht kein Muskel hervor. Die Fragen unten können helfen.',
      questions: 'Ein paar Fragen würden das präzisieren', yes: 'Ja', no: 'Nein', unsure: 'Weiß nicht',
      book: 'Termin buchen', bookIntro: 'Eine Therapeutin oder ein Therapeut kann das vor Ort beurteilen.',
      errNetwork: 'Der Dienst ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
      errRate: 'Zu viele Anfragen. Bitte versuchen Sie es in {s} Sekunden erneut.', errRateSoon: 'Zu viele Anfragen. Bitte versuchen Sie es gleich erneut.',
      errServer: 'Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut.', errRequest: 'Das konnte nicht verarbeitet werden: {d}',
      retry: 'Erneut versuchen',
    },
    fr: {
      launcher: 'Où avez-vous mal ?', title: 'Assistant douleur', close: 'Fermer', restart: 'Recommencer',
      intro: 'Dites-moi où vous avez mal et comment, avec vos mots. Par exemple : « douleur lancinante au talon droit aux premiers pas le matin ».',
      inputLabel: 'Décrivez votre douleur', placeholder: 'Où avez-vous mal, et quand ?', send: 'Envoyer',
      thinking: 'Je lis votre message…', understood: 'Ce que j’ai compris',
      nothing: 'Je ne reconnais pas encore de région du corps ni de symptôme. Essayez de nommer où vous avez mal, par exemple « nuque », « talon » ou « bas du dos ».',
      negated: 'pas de {x}', left: 'gauche', right: 'droite', both: 'des deux côtés',
      emergency: 'Demandez une aide médicale maintenant', urgent: 'Consultez un médecin rapidement', routine: 'À signaler à un médecin',
      seeDoctor: 'Ce n’est pas à traiter d’abord par un massage. Consultez un médecin.',
      muscles: 'Muscles souvent associés à ce schéma', noMuscles: 'Aucun muscle ne ressort encore. Les questions ci-dessous peuvent aider.',
      questions: 'Quelques questions permettraient de préciser', yes: 'Oui', no: 'Non', unsure: 'Je ne sais pas',
      book: 'Prendre rendez-vous', bookIntro: 'Un thérapeute peut l’évaluer en personne.',
      errNetwork: 'Le service est injoignable. Vérifiez votre connexion et réessayez.',
      errRate: 'Trop de demandes. Réessayez dans {s} secondes.', errRateSoon: 'Trop de demandes. Réessayez dans un instant.',
      errServer: 'Une erreur est survenue de notre côté. Réessayez plus tard.', errRequest: 'La demande n’a pas pu être traitée : {d}',
      retry: 'Réessayer',
    },
  }
  /** Language of the texts the API returns (advice, questions, muscle names). */
  var SERVER_LANG = 'en'
  var MAX_TEXT = 2000
  var TIMEOUT_MS = 20000

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

  // --- the UI ---------------------------------------------------------------------------------------
  function mount() {
    // A custom tag name, so the host page's element selectors (div, aside...) do not reach the host.
    var host = el('nmt-chat-widget', { 'data-nmt-widget': '' })
    document.body.appendChild(host)
    var shadow = host.attachShadow({ mode: 'open' })
    applyStyles(shadow)

    var panelId = nextId('panel'); var titleId = nextId('title'); var inputId = nextId('input')
    var launcher = el('button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': panelId })
    launcher.innerHTML = ICON // a constant, never data
    launcher.appendChild(el('span', { text: T.launcher }))

    var log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-labelledby': titleId })
    var input = el('input', {
      id: inputId, type: 'text', maxlength: String(MAX_TEXT), autocomplete: 'off', placeholder: T.placeholder, enterkeyhint: 'send',
    })
    var send = el('button', { type: 'submit', class: 'send', text: T.send })
    var form = el('form', { class: 'form', novalidate: true }, [el('label', { class: 'sr', for: inputId, text: T.inputLabel }), input, send])
    var restart = el('button', { type: 'button', class: 'icon-btn', text: T.restart })
    var closeBtn = el('button', { type: 'button', class: 'icon-btn', 'aria-label': T.close, text: '✕' })
    var panel = el('div', { id: panelId, class: 'panel', role: 'dialog', 'aria-labelledby': titleId, hidden: true, lang: lang }, [
      el('div', { class: 'head' }, [el('h2', { id: titleId, text: title }), restart, closeBtn]),
      log,
      form,
    ])
    var root = el('div', { class: 'root', lang: lang }, [launcher, panel])
    shadow.appendChild(root)

    var state = { text: '', answers: {}, busy: false, lastUnderstood: '', lastDisclaimer: '' }

    function intro() {
      log.textContent = ''
      log.appendChild(el('div', { class: 'msg bot' }, [el('p', { text: T.intro })]))
    }
    intro()

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
      state.text = ''; state.answers = {}; state.lastUnderstood = ''; state.lastDisclaimer = ''
      input.value = ''
      intro()
      input.focus()
    })
    shadow.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && !panel.hidden) { e.preventDefault(); close() }
    })

    function addMessage(node, focus) {
      log.appendChild(node)
      log.scrollTop = Math.max(0, node.offsetTop - 8)
      if (focus) { node.setAttribute('tabindex', '-1'); node.focus() }
      return node
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault()
      var text = input.value.trim().slice(0, MAX_TEXT)
      if (!text || state.busy) return
      input.value = ''
      state.text = text; state.answers = {}; state.lastUnderstood = ''
      addMessage(el('div', { class: 'msg user', text: text }))
      run(false)
    })

    function run(focusResult) {
      state.busy = true
      send.setAttribute('aria-disabled', 'true')
      log.setAttribute('aria-busy', 'true')
      var pending = addMessage(el('div', { class: 'msg bot', text: T.thinking }), focusResult)
      Promise.all([recommend(state.text, state.answers), labels()]).then(function (r) {
        pending.remove()
        addMessage(renderResult(r[0], r[1]), focusResult)
      }, function (err) {
        pending.remove()
        addMessage(renderError(err), focusResult)
      }).then(function () {
        state.busy = false
        send.removeAttribute('aria-disabled')
        log.removeAttribute('aria-busy')
      })
    }

    function renderError(err) {
      var retry = el('button', { type: 'button', class: 'retry', text: T.retry })
      var msg = el('div', { class: 'msg bot error' }, [el('p', { text: err && err.userMessage ? err.userMessage : T.errServer }), retry])
      retry.addEventListener('click', function () { if (!state.busy) { retry.disabled = true; run(true) } })
      return msg
    }

    function renderResult(res, names) {
      var msg = el('div', { class: 'msg bot' })
      var understood = renderUnderstood(res.interpreted || {}, names, (res.triage && res.triage.flags) || [])
      var key = understood ? understood.textContent : ''
      if (understood && key !== state.lastUnderstood) {
        msg.appendChild(el('h3', { text: T.understood }))
        msg.appendChild(understood)
      }
      state.lastUnderstood = key
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
        appendDisclaimer(msg, res.disclaimer)
        return msg
      }
      if (triage.level === 'routine') {
        var notice = el('div', { class: 'notice', role: 'note' }, [el('h3', { text: T.routine })])
        flags.forEach(function (f) { notice.appendChild(el('p', { lang: SERVER_LANG, text: f.title + ': ' + f.advice })) })
        msg.appendChild(notice)
      }
      var muscles = res.muscles || []
      var questions = res.questions || []
      if (!understood && muscles.length === 0) msg.appendChild(el('p', { text: T.nothing }))
      if (muscles.length > 0) {
        msg.appendChild(el('h3', { text: T.muscles }))
        msg.appendChild(el('ol', { class: 'muscles', lang: SERVER_LANG }, muscles.map(function (m) {
          var why = m.explanation && m.explanation[0] ? m.explanation[0].detail : ''
          return el('li', {}, [el('strong', { text: m.name }), why ? el('span', { class: 'why', text: why }) : null])
        })))
      } else if (understood) {
        msg.appendChild(el('p', { text: T.noMuscles }))
      }
      if (questions.length > 0) {
        msg.appendChild(el('h3', { text: T.questions }))
        var all = []
        questions.forEach(function (q) { msg.appendChild(renderQuestion(q, all)) })
      }
      if (bookingUrl) {
        msg.appendChild(el('p', { text: T.bookIntro }))
        msg.appendChild(el('p', {}, [el('a', { class: 'book', href: bookingUrl, rel: 'noopener', text: T.book })]))
      }
      appendDisclaimer(msg, res.disclaimer)
      return msg
    }

    function appendDisclaimer(msg, text) {
      if (!text || text === state.lastDisclaimer) return
      state.lastDisclaimer = text
      msg.appendChild(el('p', { class: 'small', lang: SERVER_LANG, text: text }))
    }

    function renderQuestion(q, all) {
      var qid = nextId('q')
      var row = el('div', { class: 'answers' })
      ;[['yes', T.yes], ['no', T.no], ['unknown', T.unsure]].forEach(function (a) {
        var b = el('button', { type: 'button', 'aria-pressed': 'false', text: a[1] })
        b.addEventListener('click', function () {
          if (state.busy) return
          all.forEach(function (x) { x.disabled = true })
          b.setAttribute('aria-pressed', 'true')
          state.answers[q.id] = a[0]
          addMessage(el('div', { class: 'msg user' }, [el('span', { lang: SERVER_LANG, text: q.text }), ' ', el('strong', { text: a[1] })]))
          run(true)
        })
        all.push(b)
        row.appendChild(b)
      })
      return el('div', { class: 'q', role: 'group', 'aria-labelledby': qid }, [el('p', { id: qid, lang: SERVER_LANG, text: q.text }), row])
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
  }

  // --- the API ----------------------------------------------------------------------------------------
  function headers(json) {
    var h = { accept: 'application/json, application/problem+json' }
    if (json) h['content-type'] = 'application/json'
    if (apiKey) h.authorization = 'Bearer ' + apiKey
    return h
  }

  function userError(message) {
    var e = new Error('request failed')
    e.userMessage = message
    return e
  }

  function call(path, init) {
    var ctrl = typeof AbortController === 'function' ? new AbortController() : null
    var timer = setTimeout(function () { if (ctrl) ctrl.abort() }, TIMEOUT_MS)
    var opts = Object.assign({ credentials: 'omit', cache: 'no-store', referrerPolicy: 'strict-origin-when-cross-origin' }, init)
    if (ctrl) opts.signal = ctrl.signal
    return fetch(apiBase + path, opts).then(function (res) {
      clearTimeout(timer)
      return res
    }, function () {
      clearTimeout(timer)
      throw userError(T.errNetwork)
    })
  }

  function recommend(text, answers) {
    var body = JSON.stringify({ text: text, answers: answers, limit: 5 })
    return call('/v1/recommendations', { method: 'POST', headers: headers(true), body: body }).then(function (res) {
      if (res.ok) return res.json()
      if (res.status === 429) {
        var secs = parseInt(res.headers.get('retry-after') || '', 10)
        throw userError(secs > 0 ? fmt(T.errRate, { s: secs }) : T.errRateSoon)
      }
      if (res.status >= 500) throw userError(T.errServer)
      return res.json().then(function (p) { return p && p.detail }, function () { return '' }).then(function (detail) {
        throw userError(fmt(T.errRequest, { d: detail || res.status + ' ' + res.statusText }))
      })
    })
  }

  /** Labels of sensation, context and condition ids, fetched once (cacheable reference data). */
  var labelsPromise = null
  function labels() {
    if (labelsPromise) return labelsPromise
    function list(path, field) {
      return call(path, { method: 'GET', headers: headers(false), cache: 'default' }).then(function (res) {
        return res.ok ? res.json() : { items: [] }
      }).then(function (body) {
        var map = {}
        ;(body.items || []).forEach(function (x) { map[x.id] = x[field] })
        return map
      }).catch(function () { return {} })
    }
    labelsPromise = Promise.all([list('/v1/sensations', 'label'), list('/v1/contexts', 'label'), list('/v1/conditions', 'name')])
      .then(function (r) { return { sensation: r[0], context: r[1], condition: r[2] } })
    return labelsPromise
  }

  if (document.body) mount()
  else document.addEventListener('DOMContentLoaded', mount)
})()
