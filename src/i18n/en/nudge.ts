/** `/nudge` answers and the nightly nudges (channel post, personal DM, the "cannot post there" note). */
export const nudge = {
  usage: {
    here: '`/nudge here [time] [Area/City] [en|zh]`, e.g. `/nudge here 22:00`, `/nudge here 10pm`, `/nudge here 21:30 Europe/London` or `/nudge here zh`',
    meOn: '`/nudge me on [time]`, e.g. `/nudge me on 22:30` or `/nudge me on 11pm`',
    pause:
      '`/nudge me pause <days>` (1 to {{max}}) or `/nudge me pause YYYY-MM-DD` (the day nudges come back), e.g. `/nudge me pause 3`',
    weekends: '`/nudge me weekends on` or `/nudge me weekends off`',
  },
  problem: {
    badTime: '{{value}} is not a time. Use `22:00`, `22`, `10pm` or `10:30pm`: {{usage}}.',
    badZone:
      '{{value}} is not a time zone I know. Use an IANA name in Area/City form, such as `America/New_York`, `Europe/London` or `Asia/Shanghai`: {{usage}}.',
    twoTimes: 'Give one time only: {{usage}}.',
    twoZones: 'Give one time zone only: {{usage}}.',
    twoLanguages: 'Give one language only, `en` or `zh`: {{usage}}.',
    unreadable: "I can't read {{value}}. {{usage}}.",
    meExtra: 'Just `/nudge me` shows yours.',
    tooManyWords: 'Too many words: {{usage}}.',
    takesNothing: '{{value}} takes nothing after it.',
    pauseMissing: 'Say how long: {{usage}}.',
    badDate: '{{value}} is not a real date: {{usage}}.',
    pauseRange: '{{value}} days is outside the limit: pause for 1–{{max}} days or until a date: {{usage}}.',
    pauseNotNumber: '{{value}} is not a number of days or a date: {{usage}}.',
    weekendsOnOff: 'Say on or off: {{usage}}.',
    unknownMe: "I don't know {{value}}. Try `/nudge me on`, `/nudge me off`, {{pause}}, or {{weekends}}.",
    unknown:
      "I don't know {{value}}. Try `/nudge here`, `/nudge off`, `/nudge status`, `/nudge me on` or `/nudge help`.",
    hereNotChannel:
      'Channel nudges are for channels: type `/nudge here` in the channel. For a nudge in your DMs, use `/nudge me on`.',
    personOff: 'Your personal nudge is off, so there is nothing to change. Turn it on first: `/nudge me on`.',
    pauseNotAfter: '{{date}} is not after today ({{today}} in {{zone}}). {{limits}}',
    pauseTooFar: '{{date}} is more than a year away. {{limits}}',
    pauseLimits: 'Pause for 1 to {{max}} days, or until a date within a year: {{usage}}.',
  },
  error: {
    line: ':warning: {{message}}',
    footer: 'Nothing was changed. `/nudge help` lists every form.',
  },
  help: {
    title: '*Lights Out nudges* — a nightly "go home" message, in a channel or in your DMs.',
    channel: '*In a channel*',
    here: '{{usage}}: post here every night (default: the workspace time and zone, in {{language}})',
    off: '`/nudge off`: stop this channel’s nudge',
    status: '`/nudge status`: this channel’s nudge and language, how many others have one, and yours',
    person: '*Just for you* (a DM with your hours today and this week)',
    meOn: '{{usage}}: every night at your own local time (default 22:00)',
    meOther: '`/nudge me off` · `/nudge me resume` · `/nudge me`: stop, end a pause, or see yours',
    weekends: '{{usage}} (off by default)',
    footer: 'Channel nudges never mention anyone. Their team line covers last week and needs at least five people.',
  },
  when: '{{when}} {{zone}} — next: {{next}}',
  noNext: 'none in the coming months',
  channelOn: {
    changed: ':crescent_moon: Changed: this channel’s go-home nudge every night at {{when}}. It posts in {{language}}.',
    added: ':crescent_moon: Done: this channel gets a go-home nudge every night at {{when}}. It posts in {{language}}.',
    footer:
      "If I'm not a member of this channel yet, invite me first: `/invite @{{bot}}`. `/nudge off` stops it. `/nudge here zh` or `/nudge here en` picks its language.",
  },
  channelLanguage: {
    on: ':speech_balloon: This channel’s go-home nudge now posts in {{language}}, every night at {{when}}.',
    off: ':speech_balloon: This channel’s go-home nudge will post in {{language}}. It is off now: `/nudge here` turns it on.',
  },
  channelOff: {
    none: 'This channel has no go-home nudge, so there was nothing to turn off. `/nudge here` turns one on.',
    done: ':no_bell: Turned off this channel’s go-home nudge (it was {{when}} {{zone}}). `/nudge here` turns it back on.',
  },
  person: {
    off: 'Your personal nudge is off. `/nudge me on` turns it on.',
    offBecause:
      'Your personal nudge is off (turned off because Slack answered `{{reason}}` when I tried to DM you). `/nudge me on` turns it on.',
    on: 'Your personal nudge: {{when}}.',
    weekendsIncluded: 'Weekends included.',
    weekendsExcluded: 'Not on Saturday and Sunday nights.',
    paused: 'Paused: nudges come back on {{date}}.',
    zone: 'Your zone is {{zone}}, {{source}}.',
    turnBackOn: '{{headline}} `/nudge me on` turns it back on.',
    footerOff: '`/nudge help` lists every form.',
    footerOn: '`/nudge me off` stops it · `/nudge me pause 3` skips three nights · `/nudge help`',
    alreadyOff: 'Your personal nudge is already off. `/nudge me on` turns it on.',
    turnedOff: ':no_bell: Your personal nudge is off.',
    turnedOn: ':crescent_moon: Your personal nudge is on: a DM each night with your hours today and this week.',
    updated: ':crescent_moon: Your personal nudge is updated.',
    weekendsOn: 'Weekends are on: you get it every night.',
    weekendsOff: 'Weekends are off: no nudge on Saturday and Sunday nights.',
    notPaused: 'Your nudge is not paused.',
    resumed: ':bell: Pause ended.',
    pausedUntil: ':zzz: Paused: no nudge before {{date}}.',
  },
  status: {
    channelsTitle: '*Channel nudges*',
    typeInChannel: 'Type `/nudge status` in a channel to see its nudge.',
    here: 'This channel: {{when}}, in {{language}}.',
    hereEnv: 'This channel: {{when}}, in {{language}} _(workspace default, NUDGE_CHANNEL)_.',
    none: 'This channel has no go-home nudge. `/nudge here` turns one on.',
    noOthers: 'No other channel has one.',
    noChannels: 'No channel has one.',
    others_one: '{{n}} other channel has one on.',
    others_other: '{{n}} other channels have one on.',
    channels_one: '{{n}} channel has one on.',
    channels_other: '{{n}} channels have one on.',
    people_one: '*Personal nudges*: {{n}} person gets one by DM.',
    people_other: '*Personal nudges*: {{n}} people get one by DM.',
  },
  /** The nightly post in a channel. */
  channel: {
    head: '{{time}} in {{zone}}.',
    teamNone:
      'Nobody here was past {{crunch}} hours last week (of the {{people}} who log their hours here). Keep it that way.',
    teamPast_one: 'Last week {{n}} person here was past {{crunch}} hours (of the {{people}} who log their hours here).',
    teamPast_other:
      'Last week {{n}} people here were past {{crunch}} hours (of the {{people}} who log their hours here).',
    teamFrontier_one:
      'Last week {{n}} person here was past {{crunch}} hours, {{frontier}} of them past {{frontierHours}} (of the {{people}} who log their hours here).',
    teamFrontier_other:
      'Last week {{n}} people here were past {{crunch}} hours, {{frontier}} of them past {{frontierHours}} (of the {{people}} who log their hours here).',
  },
  /** Openers for a channel nudge whose article line has none of its own here. */
  opener: {
    stop: 'Lights out. The report describes labs where there never seems to be a natural point to stop; this is yours.',
    joke: 'Time to go home. "0-0-2" was a joke in the article, not a plan.',
    training: 'Go home. Whatever is training will still be training in the morning.',
    laptop: 'Close the laptop. OpenAI once turned the office lights off for a whole week; tonight will do.',
    friends:
      'That is enough for today. Friends, hobbies, the people you love: the article says the 100-hour week has no time for them.',
  },
  /** Our opener for each curated article line (fixtures/article.json `nudge_lines`), by line id. */
  lineOpener: {
    'no-natural-stop': 'Go home. There never seems to be a natural point to stop, so this is yours.',
    'people-you-love': 'Time to stop. Friends, hobbies, the people you love: the 100-hour week had no time for them.',
    'week-off': 'Lights out. OpenAI once shut for a whole week so its people could rest; one night is a start.',
    'zero-zero-two': 'Close the laptop. “0-0-2” was a joke about these labs, not a plan.',
    'still-training': 'Go home. Whatever is training will still be training in the morning.',
    'ideas-keep': 'Enough for today. The ideas will still be there after a night’s sleep.',
    'rest-is-not-behind': 'That’s the day. Resting is not falling behind.',
    'leave-at-dusk': 'Time to go. Be one of the people who leave for home.',
    dawn: 'Go home. Nobody needs you at your keyboard when the sun comes up.',
    'hand-it-over': 'Stop here. Work that needs someone on it around the clock should not be yours.',
    'family-and-friends': 'Go home. Family and friends are the first thing a round-the-clock pace takes.',
    'not-machines': 'Log off. Even the labs’ own managers came to worry about burnout.',
    'strategic-risk': 'Time to stop. Burnout is not only your problem; the labs now count it as a risk.',
    'lives-on-hold': 'Go home. Don’t put your own life on hold for the next breakthrough.',
    'rhythm-of-life': 'Close the laptop. Keep the rhythm of your own life; the race won’t keep it for you.',
    'live-at-ease': 'Lights out. Few at the frontier have found a way to live at ease; start tonight.',
    'worth-it': 'That is enough for today. Few in the race stop to ask whether it is worth it; you can.',
    'not-wartime': 'Go home. Many at the top labs compare their weeks to wartime; this is not a war.',
    'twenty-years': 'Stop for tonight. Twenty years of progress does not have to happen before morning.',
  },
  /** The personal DM. */
  dm: {
    head: "It's {{time}} in {{zone}}: time to stop for today.",
    today: 'Today ({{night}}) you logged *{{duration}}*.',
    todayNoDate: 'Today you logged *{{duration}}*.',
    nothing: "You haven't logged any hours for today ({{night}}) yet.",
    nothingNoDate: "You haven't logged any hours for today yet.",
    week: 'This week: *{{duration}}* — {{emoji}} *{{band}}*. {{bandLine}}',
    addMore: 'If you worked more since, add it: `/hours log 1:30` adds an hour and a half.',
    logNow:
      "Log today's hours before you go: `/hours log 8` for an eight-hour day, `/hours log 7:30` for seven and a half.",
    footer: 'Only you see this. `/nudge me off` stops it · `/nudge me pause 3` skips three nights · `/nudge help`',
    text: "It's {{time}} in {{zone}}: time to stop. Today {{today}}, this week {{week}} ({{band}}).",
  },
  /** Told privately to whoever turned a channel's nudge on, when the bot can no longer post there. */
  gone: {
    text: ":no_bell: I couldn't post the go-home nudge in {{channel}}: {{why}}. I've turned that channel's nudge off. To bring it back, type `/invite @{{bot}}` in the channel, then `/nudge here`.",
    notInChannel: "I'm not a member of that channel any more",
    archived: 'that channel was archived',
    notFound: "I can't find that channel (it may be private to me, or deleted)",
  },
} as const;
