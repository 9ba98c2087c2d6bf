// Generates data/corpus/dialogues.jsonl: short demonstration dialogues for supervised fine-tuning.
// Every answer that involves a calculation is computed here, never typed in. The output is
// reproducible: a seeded PRNG drives every choice. Run: node scripts/make-corpus.mjs
import { mkdirSync, writeFileSync } from 'node:fs';

const SEED = 20240611;
const COUNT = 520;
const HELDOUT_FRACTION = 0.1;
const OUT = new URL('../data/corpus/dialogues.jsonl', import.meta.url);

// ---------------------------------------------------------------- randomness and formatting

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rng = mulberry32(SEED);
const chance = (p) => rng() < p;
const int = (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = (items) => items[Math.floor(rng() * items.length)];
const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));

/** At most `dp` decimals, trailing zeros dropped: 2.50 -> "2.5", 3.00 -> "3". */
function fmt(x, dp = 2) {
  const s = Number(x.toFixed(dp)).toString();
  return s === '-0' ? '0' : s;
}
/** "about " when rounding changed the value. */
const about = (x, dp = 2) => (Math.abs(Number(x.toFixed(dp)) - x) > 1e-9 ? 'about ' : '');

// ---------------------------------------------------------------- arithmetic

const ARITH = {
  add: {
    make: () => [int(2, 999), int(2, 999)],
    calc: (a, b) => a + b,
    ask: [
      'What is {a} plus {b}?',
      "What's {a} + {b}?",
      'Can you add {a} and {b}?',
      'Add {a} and {b}, please.',
    ],
    say: ['{a} plus {b} is {r}.', '{a} + {b} = {r}.', 'The sum of {a} and {b} is {r}.'],
  },
  sub: {
    make: () => [int(10, 999), int(1, 500)],
    calc: (a, b) => a - b,
    ask: ['What is {a} minus {b}?', 'Calculate {a} - {b}.', 'What do I get if I take {b} away from {a}?'],
    say: ['{a} minus {b} is {r}.', '{a} - {b} = {r}.'],
  },
  mul: {
    make: () => [int(2, 99), int(2, 30)],
    calc: (a, b) => a * b,
    ask: ['What is {a} times {b}?', 'How much is {a} × {b}?', 'Multiply {a} by {b}.', "What's {a} * {b}?"],
    say: ['{a} times {b} is {r}.', '{a} × {b} = {r}.'],
  },
};

function arithmetic() {
  const op = pick(['add', 'add', 'sub', 'mul', 'mul', 'div', 'percent', 'story']);
  if (op === 'div') return [division()];
  if (op === 'percent') return [percent()];
  if (op === 'story') return [wordProblem()];
  const { make, calc, ask, say } = ARITH[op];
  const [a, b] = make();
  const r = calc(a, b);
  const exchanges = [[fill(pick(ask), { a, b }), fill(pick(say), { a, b, r })]];
  const next = rng();
  if (next < 0.25) {
    const c = int(2, 9);
    exchanges.push([
      pick([`And if you multiply that by ${c}?`, `Now multiply the result by ${c}.`]),
      `${r} times ${c} is ${r * c}.`,
    ]);
  } else if (next < 0.4) {
    const c = int(1, 50);
    exchanges.push([pick([`Now add ${c} to that.`, `What if I add ${c}?`]), `${r} + ${c} = ${r + c}.`]);
  } else if (next < 0.55) {
    const wrong = r + pick([-2, -1, 1, 2, 10]);
    exchanges.push([
      pick([`Are you sure? I think it's ${wrong}.`, `I got ${wrong}. Which is right?`]),
      `I'm sure it is ${r}, not ${wrong}. ${fill(pick(say), { a, b, r })} You can check it by working it out on paper or with a calculator.`,
    ]);
  }
  return exchanges;
}

function division() {
  const b = int(2, 12);
  const q = int(2, 60);
  const rem = chance(0.5) ? int(1, b - 1) : 0;
  const a = b * q + rem;
  const ask = fill(
    pick(['What is {a} divided by {b}?', 'Divide {a} by {b}.', 'How many times does {b} go into {a}?']),
    {
      a,
      b,
    },
  );
  if (rem === 0) return [ask, `${a} divided by ${b} is ${q}.`];
  return [
    ask,
    `${a} divided by ${b} is ${q} with a remainder of ${rem}, or ${about(a / b)}${fmt(a / b)} as a decimal.`,
  ];
}

function percent() {
  const p = pick([5, 10, 15, 20, 25, 30, 40, 50, 75]);
  const n = int(2, 60) * 10;
  const r = (p * n) / 100;
  return [
    fill(pick(['What is {p}% of {n}?', 'Calculate {p} percent of {n}.']), { p, n }),
    `${p}% of ${n} is ${fmt(r)}, because ${n} × ${p} / 100 = ${fmt(r)}.`,
  ];
}

const STORIES = [
  {
    ask: 'I have {a} apples and buy {b} more. How many apples do I have now?',
    say: 'You have {r} apples: {a} + {b} = {r}.',
    calc: (a, b) => a + b,
  },
  {
    ask: 'A box holds {a} pencils. How many pencils are in {b} boxes?',
    say: 'There are {r} pencils: {a} × {b} = {r}.',
    calc: (a, b) => a * b,
  },
  {
    ask: 'There were {a} people on a bus and {b} got off. How many are left?',
    say: '{r} people are left: {a} - {b} = {r}.',
    calc: (a, b) => a - b,
    order: true,
  },
  {
    ask: 'A ticket costs {a} euros. How much do {b} tickets cost?',
    say: '{b} tickets cost {r} euros: {a} × {b} = {r}.',
    calc: (a, b) => a * b,
  },
  {
    ask: 'I read {a} pages a day. How many pages do I read in {b} days?',
    say: 'You read {r} pages: {a} × {b} = {r}.',
    calc: (a, b) => a * b,
  },
];

function wordProblem() {
  const story = pick(STORIES);
  let a = int(3, 60);
  let b = int(2, 12);
  if (story.order && b > a) [a, b] = [b, a];
  return [fill(story.ask, { a, b }), fill(story.say, { a, b, r: story.calc(a, b) })];
}

// ---------------------------------------------------------------- numbers

function isPrime(n) {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}
const smallestFactor = (n) => {
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return d;
  return n;
};

function numbers() {
  const kind = pick(['prime', 'parity', 'larger', 'sort', 'sum', 'average', 'square', 'root']);
  if (kind === 'prime') {
    const n = int(2, 200);
    if (isPrime(n))
      return [[`Is ${n} a prime number?`, `Yes, ${n} is prime: its only divisors are 1 and ${n}.`]];
    const d = smallestFactor(n);
    return [[`Is ${n} a prime number?`, `No. ${n} is not prime, because ${n} = ${d} × ${n / d}.`]];
  }
  if (kind === 'parity') {
    const n = int(1, 9999);
    const even = n % 2 === 0;
    return [
      [
        pick([`Is ${n} even or odd?`, `Is ${n} an even number?`]),
        even
          ? `${n} is even: it divides by 2 with nothing left over.`
          : `${n} is odd: dividing it by 2 leaves 1.`,
      ],
    ];
  }
  if (kind === 'larger') {
    const a = fmt(int(1, 999) / pick([1, 10, 100]));
    let b = fmt(int(1, 999) / pick([1, 10, 100]));
    if (b === a) b = fmt(Number(a) + 1);
    const big = Number(a) > Number(b) ? a : b;
    return [[`Which is larger, ${a} or ${b}?`, `${big} is larger.`]];
  }
  const list = Array.from({ length: int(3, 6) }, () => int(1, 99));
  const shown = list.join(', ');
  const sum = list.reduce((s, x) => s + x, 0);
  if (kind === 'sort') {
    const up = chance(0.6);
    const sorted = [...list].sort((x, y) => (up ? x - y : y - x)).join(', ');
    return [
      [`Sort these numbers from ${up ? 'smallest to largest' : 'largest to smallest'}: ${shown}`, sorted],
    ];
  }
  if (kind === 'sum') return [[`What is the sum of ${shown}?`, `The sum is ${sum}.`]];
  if (kind === 'average') {
    const avg = sum / list.length;
    return [
      [
        `What is the average of ${shown}?`,
        `The average is ${about(avg)}${fmt(avg)}: the numbers add up to ${sum}, and ${sum} / ${list.length} = ${about(avg)}${fmt(avg)}.`,
      ],
    ];
  }
  const n = int(2, 30);
  if (kind === 'square')
    return [
      [pick([`What is ${n} squared?`, `What is ${n} to the power of 2?`]), `${n} squared is ${n * n}.`],
    ];
  return [
    [
      `What is the square root of ${n * n}?`,
      `The square root of ${n * n} is ${n}, because ${n} × ${n} = ${n * n}.`,
    ],
  ];
}

// ---------------------------------------------------------------- unit conversions

const CONVERSIONS = [
  {
    from: 'kilometres',
    to: 'miles',
    f: (x) => x * 0.621371,
    rule: '1 kilometre is about 0.62 miles',
    values: () => int(1, 200),
  },
  {
    from: 'miles',
    to: 'kilometres',
    f: (x) => x * 1.609344,
    rule: '1 mile is 1.609344 kilometres',
    values: () => int(1, 150),
  },
  {
    from: 'kilograms',
    to: 'pounds',
    f: (x) => x * 2.20462,
    rule: '1 kilogram is about 2.2 pounds',
    values: () => int(1, 120),
  },
  {
    from: 'pounds',
    to: 'kilograms',
    f: (x) => x * 0.45359237,
    rule: '1 pound is 0.45359237 kilograms',
    values: () => int(1, 250),
  },
  {
    from: 'centimetres',
    to: 'inches',
    f: (x) => x / 2.54,
    rule: '1 inch is exactly 2.54 centimetres',
    values: () => int(1, 300),
  },
  {
    from: 'inches',
    to: 'centimetres',
    f: (x) => x * 2.54,
    rule: '1 inch is exactly 2.54 centimetres',
    values: () => int(1, 100),
  },
  {
    from: 'metres',
    to: 'feet',
    f: (x) => x * 3.28084,
    rule: '1 metre is about 3.28 feet',
    values: () => int(1, 500),
  },
  {
    from: 'litres',
    to: 'US gallons',
    f: (x) => x * 0.264172,
    rule: '1 litre is about 0.26 US gallons',
    values: () => int(1, 100),
  },
  {
    from: 'hours',
    to: 'minutes',
    f: (x) => x * 60,
    rule: 'there are 60 minutes in an hour',
    values: () => int(1, 48),
  },
  { from: 'days', to: 'hours', f: (x) => x * 24, rule: 'a day has 24 hours', values: () => int(1, 30) },
  { from: 'weeks', to: 'days', f: (x) => x * 7, rule: 'a week has 7 days', values: () => int(1, 52) },
  {
    from: 'kilobytes',
    to: 'bytes',
    f: (x) => x * 1000,
    rule: 'a kilobyte is 1000 bytes (1024 in the older binary convention)',
    values: () => int(1, 64),
  },
];

function conversion() {
  const kind = rng();
  if (kind < 0.2) return [temperature()];
  if (kind < 0.3) return [minutesToHours()];
  const c = pick(CONVERSIONS);
  const x = c.values();
  const y = c.f(x);
  const ask = fill(
    pick(['How many {to} is {x} {from}?', 'Convert {x} {from} to {to}.', 'What is {x} {from} in {to}?']),
    {
      ...c,
      x,
    },
  );
  return [[ask, `${x} ${c.from} is ${about(y)}${fmt(y)} ${c.to}, since ${c.rule}.`]];
}

function temperature() {
  if (chance(0.5)) {
    const c = int(-20, 45);
    const f = (c * 9) / 5 + 32;
    return [
      pick([`What is ${c}°C in Fahrenheit?`, `Convert ${c} degrees Celsius to Fahrenheit.`]),
      `${c}°C is ${fmt(f, 1)}°F. Multiply by 9/5 and add 32: ${c} × 9/5 + 32 = ${fmt(f, 1)}.`,
    ];
  }
  const f = int(-5, 110);
  const c = ((f - 32) * 5) / 9;
  return [
    pick([`What is ${f}°F in Celsius?`, `Convert ${f} degrees Fahrenheit to Celsius.`]),
    `${f}°F is ${about(c, 1)}${fmt(c, 1)}°C. Subtract 32 and multiply by 5/9: (${f} - 32) × 5/9 ≈ ${fmt(c, 1)}.`,
  ];
}

function minutesToHours() {
  const m = int(61, 600);
  const h = Math.floor(m / 60);
  const r = m % 60;
  const rest = r === 0 ? '' : ` and ${r} minute${r === 1 ? '' : 's'}`;
  return [`How many hours is ${m} minutes?`, `${m} minutes is ${h} hour${h === 1 ? '' : 's'}${rest}.`];
}

// ---------------------------------------------------------------- calendar and clock

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function calendar() {
  const kind = rng();
  if (kind < 0.2) return [month()];
  if (kind < 0.4) return [clock()];
  const d = int(0, 6);
  const n = int(1, 100);
  const weeks = Math.floor(n / 7);
  const rest = n % 7;
  const forward = chance(0.65);
  const result = DAYS[(((forward ? d + n : d - n) % 7) + 7) % 7];
  const w = plural(weeks, 'week', 'weeks');
  let split = '';
  if (weeks > 0 && rest === 0) split = ` ${n} days is exactly ${w}, which brings you back to the same day.`;
  else if (weeks > 0) {
    split = ` ${n} days is ${w} and ${plural(rest, 'day', 'days')}; whole weeks bring you back to the same day, so only the extra ${plural(rest, 'day', 'days')} count${rest === 1 ? 's' : ''}.`;
  }
  if (forward) {
    return [[`If today is ${DAYS[d]}, what day will it be in ${n} days?`, `It will be ${result}.${split}`]];
  }
  return [[`If today is ${DAYS[d]}, what day was it ${n} days ago?`, `It was ${result}.${split}`]];
}

function month() {
  const m = int(0, 11);
  const n = int(1, 30);
  const result = MONTHS[(m + n) % 12];
  return [
    `What month is ${n} month${n === 1 ? '' : 's'} after ${MONTHS[m]}?`,
    `${n} month${n === 1 ? '' : 's'} after ${MONTHS[m]} is ${result}.`,
  ];
}

const pad = (n) => String(n).padStart(2, '0');
function clock() {
  const start = int(0, 23) * 60 + pick([0, 5, 10, 15, 20, 30, 35, 40, 45, 50]);
  const length = int(20, 300);
  const end = start + length;
  const at = (t) => `${pad(Math.floor(t / 60) % 24)}:${pad(t % 60)}`;
  const h = Math.floor(length / 60);
  const m = length % 60;
  const dur = [h ? `${h} hour${h === 1 ? '' : 's'}` : '', m ? `${m} minute${m === 1 ? '' : 's'}` : '']
    .filter(Boolean)
    .join(' and ');
  const thing = pick(['A train leaves', 'A film starts', 'A meeting starts', 'A flight departs']);
  const nextDay = end >= 24 * 60 ? ' the next day' : '';
  return [
    `${thing} at ${at(start)} and takes ${dur}. When does it finish?`,
    `It finishes at ${at(end)}${nextDay}: ${at(start)} plus ${dur} is ${at(end)}.`,
  ];
}

// ---------------------------------------------------------------- words

const WORDS = [
  [
    'umbrella',
    'An umbrella is a folding cover on a handle that keeps rain or strong sun off you.',
    'I took an umbrella because the sky looked grey.',
  ],
  [
    'kettle',
    'A kettle is a container with a spout and a handle used to boil water.',
    'She filled the kettle and switched it on for tea.',
  ],
  [
    'library',
    'A library is a place where books and other materials are kept for people to read or borrow.',
    'I borrowed two novels from the library.',
  ],
  [
    'recipe',
    'A recipe is a set of instructions for preparing a dish, with a list of ingredients.',
    'This recipe needs three eggs and some flour.',
  ],
  [
    'calendar',
    'A calendar is a chart of the days, weeks and months of a year, used to plan dates.',
    'I wrote the dentist appointment on the calendar.',
  ],
  [
    'bicycle',
    'A bicycle is a vehicle with two wheels that you move by pushing pedals.',
    'He rides his bicycle to work every morning.',
  ],
  [
    'thermometer',
    'A thermometer is an instrument that measures temperature.',
    'The thermometer outside says it is five degrees.',
  ],
  [
    'passport',
    'A passport is an official document that shows who you are and lets you travel between countries.',
    'Remember to pack your passport for the trip.',
  ],
  [
    'neighbour',
    'A neighbour is a person who lives next to you or near you.',
    'Our neighbour waters the plants when we are away.',
  ],
  [
    'harvest',
    'A harvest is the gathering of crops when they are ripe, or the crops gathered.',
    'The apple harvest was large this year.',
  ],
  [
    'compass',
    'A compass is a tool with a magnetic needle that points north, used to find directions.',
    'We used a compass to find our way through the forest.',
  ],
  [
    'dictionary',
    'A dictionary is a book or website that lists words and explains their meanings.',
    'Look the word up in a dictionary if you are not sure.',
  ],
  [
    'battery',
    'A battery is a device that stores energy and supplies it as electricity.',
    'The remote control needs a new battery.',
  ],
  [
    'bridge',
    'A bridge is a structure built over a river, road or valley so people can cross it.',
    'We walked across the old stone bridge.',
  ],
  [
    'volcano',
    'A volcano is a mountain or opening in the ground where melted rock, ash and gas come out.',
    'The volcano has not erupted for a hundred years.',
  ],
  [
    'orchestra',
    'An orchestra is a large group of musicians who play instruments together.',
    'The orchestra played a symphony on Friday night.',
  ],
  [
    'receipt',
    'A receipt is a paper or message that shows you paid for something.',
    'Keep the receipt in case you want to return the shoes.',
  ],
  [
    'budget',
    'A budget is a plan for how much money you will earn and spend over a period of time.',
    'We made a budget for the holiday.',
  ],
  [
    'deadline',
    'A deadline is the latest time by which something must be finished.',
    'The deadline for the report is Friday at noon.',
  ],
  [
    'ladder',
    'A ladder is a set of steps between two long sides, used to climb up or down.',
    'He climbed the ladder to clean the gutter.',
  ],
  [
    'microwave',
    'A microwave is a kitchen appliance that heats food quickly using electromagnetic waves.',
    'I warmed the soup in the microwave.',
  ],
  [
    'password',
    'A password is a secret word or phrase that lets you into an account or device.',
    'Choose a long password that is hard to guess.',
  ],
  [
    'recycle',
    'To recycle means to process used things such as paper, glass or plastic so they can be made into something new.',
    'We recycle our bottles every week.',
  ],
  [
    'habit',
    'A habit is something you do regularly, often without thinking about it.',
    'Reading before bed is a good habit.',
  ],
  [
    'pharmacy',
    'A pharmacy is a shop where medicines are prepared and sold.',
    'I picked up my prescription at the pharmacy.',
  ],
  [
    'museum',
    'A museum is a building where interesting objects of art, history or science are kept and shown to the public.',
    'The museum has a room full of dinosaur bones.',
  ],
  ['island', 'An island is a piece of land with water all around it.', 'We took a boat to the small island.'],
  [
    'glacier',
    'A glacier is a large, slow-moving mass of ice formed from snow over many years.',
    'The glacier moves only a few metres each year.',
  ],
  [
    'tide',
    'The tide is the regular rise and fall of the sea, caused mainly by the pull of the Moon.',
    'At low tide you can walk out to the rocks.',
  ],
  [
    'whisper',
    'To whisper means to speak very quietly, using your breath rather than your full voice.',
    'She whispered the answer so nobody else could hear.',
  ],
  [
    'mirror',
    'A mirror is a smooth, shiny surface, usually glass, that reflects images.',
    'He checked his hair in the mirror.',
  ],
  [
    'shelf',
    'A shelf is a flat board fixed to a wall or inside a cupboard, used to hold things.',
    'Put the cups on the top shelf.',
  ],
  [
    'puddle',
    'A puddle is a small pool of water on the ground, usually left by rain.',
    'The children jumped in every puddle.',
  ],
  [
    'sunrise',
    'Sunrise is the time in the morning when the sun first appears above the horizon.',
    'We got up early to watch the sunrise.',
  ],
  [
    'appointment',
    'An appointment is an arrangement to meet someone at a particular time.',
    "I have a doctor's appointment at ten.",
  ],
  [
    'invoice',
    'An invoice is a document that lists goods or services provided and asks for payment.',
    'The plumber sent an invoice for the repair.',
  ],
  [
    'allergy',
    'An allergy is a condition in which your body reacts badly to something such as a food, pollen or dust.',
    'He has an allergy to peanuts.',
  ],
  [
    'commute',
    'A commute is the regular journey between home and work or school.',
    'My commute takes forty minutes by train.',
  ],
  [
    'forecast',
    'A forecast is a statement about what is expected to happen, especially with the weather.',
    'The forecast says it will rain tomorrow.',
  ],
  [
    'patience',
    'Patience is the ability to wait or deal with problems calmly without getting annoyed.',
    'Learning an instrument takes patience.',
  ],
  [
    'curious',
    'Curious means wanting to know or learn about something.',
    'The curious cat sniffed the new box.',
  ],
  [
    'generous',
    'Generous means willing to give money, time or help to others.',
    'It was generous of you to share your lunch.',
  ],
  ['fragile', 'Fragile means easily broken or damaged.', 'Be careful with that vase; it is fragile.'],
  [
    'postpone',
    'To postpone means to move an event to a later time.',
    'They postponed the match because of the storm.',
  ],
];
const EXTRA_WORDS = [
  'level',
  'radar',
  'kayak',
  'noon',
  'civic',
  'refer',
  'banana',
  'rhythm',
  'strength',
  'Mississippi',
  'garden',
  'yellow',
  'keyboard',
  'elephant',
  'journey',
  'pizza',
  'coffee',
  'queue',
];

function definition() {
  const [word, meaning, example] = pick(WORDS);
  const ask = pick([
    `What does "${word}" mean?`,
    `Define ${word}.`,
    `What is the meaning of the word "${word}"?`,
    `Can you explain what "${word}" means?`,
  ]);
  const exchanges = [[ask, meaning]];
  if (chance(0.35))
    exchanges.push([
      pick(['Can you use it in a sentence?', 'Give me an example sentence.']),
      `Sure: "${example}"`,
    ]);
  return exchanges;
}

const reverse = (w) => [...w].reverse().join('');
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

function wordPlay() {
  const word = chance(0.5) ? pick(WORDS)[0] : pick(EXTRA_WORDS);
  const lower = word.toLowerCase();
  const kind = pick(['spell', 'reverse', 'length', 'first', 'last', 'count', 'upper', 'palindrome', 'order']);
  switch (kind) {
    case 'spell':
      return [
        [
          pick([`Spell "${word}" letter by letter.`, `How do you spell ${word}?`]),
          [...word.toUpperCase()].join('-'),
        ],
      ];
    case 'reverse':
      return [
        [
          pick([`Reverse the word "${word}".`, `Write "${word}" backwards.`]),
          `"${word}" backwards is "${reverse(word)}".`,
        ],
      ];
    case 'length':
      return [
        [
          `How many letters are in the word "${word}"?`,
          `"${word}" has ${plural(word.length, 'letter', 'letters')}.`,
        ],
      ];
    case 'first':
      return [[`What is the first letter of "${word}"?`, `The first letter of "${word}" is "${word[0]}".`]];
    case 'last':
      return [[`What is the last letter of "${word}"?`, `The last letter of "${word}" is "${word.at(-1)}".`]];
    case 'count': {
      const letter = pick([...lower]);
      const n = [...lower].filter((c) => c === letter).length;
      return [
        [
          `How many times does the letter "${letter}" appear in "${word}"?`,
          `The letter "${letter}" appears ${n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`} in "${word}".`,
        ],
      ];
    }
    case 'upper':
      return [[`Write "${word}" in capital letters.`, word.toUpperCase()]];
    case 'palindrome': {
      const yes = lower === reverse(lower);
      return [
        [
          `Is "${word}" a palindrome?`,
          yes
            ? `Yes. "${word}" reads the same forwards and backwards.`
            : `No. Backwards it is "${reverse(word)}", which is different.`,
        ],
      ];
    }
    default: {
      const set = [...new Set(Array.from({ length: int(3, 5) }, () => pick(WORDS)[0]))];
      const sorted = [...set].sort();
      return [[`Put these words in alphabetical order: ${set.join(', ')}.`, sorted.join(', ')]];
    }
  }
}

// ---------------------------------------------------------------- summaries

const SUMMARIES = [
  [
    'The meeting that was planned for Tuesday morning has been moved to Thursday afternoon because the manager is travelling.',
    'The meeting moved from Tuesday to Thursday because the manager is away.',
  ],
  [
    'After several weeks of heavy rain, the river rose above its banks and flooded the fields near the village.',
    'Weeks of rain made the river flood the fields near the village.',
  ],
  [
    'The new library opens on Saturday and will offer free reading classes for children every weekend.',
    'The new library opens Saturday with free weekend reading classes for children.',
  ],
  [
    'Because the printer was out of ink, Maria sent the report to her colleagues by email instead of handing out paper copies.',
    'Maria emailed the report because the printer had no ink.',
  ],
  [
    'The bakery on the corner, which has been open for forty years, will close next month when the owners retire.',
    'The forty-year-old corner bakery closes next month as its owners retire.',
  ],
  [
    'Scientists observed that the birds left the island earlier than usual this year, probably because of the warm autumn.',
    'Birds left the island early this year, likely due to a warm autumn.',
  ],
  [
    'Although the team trained hard all season, they lost the final match by a single goal in the last minute.',
    'The team lost the final by one late goal despite hard training.',
  ],
  [
    'The city plans to plant two thousand trees along its main roads to provide shade and reduce noise.',
    'The city will plant 2,000 trees along main roads for shade and less noise.',
  ],
  [
    'To save money, the family decided to cook at home during the week and eat out only on Sundays.',
    'The family will cook at home on weekdays and eat out only on Sundays to save money.',
  ],
  [
    'The museum closed one of its galleries for repairs after a pipe burst and damaged the floor.',
    'A burst pipe damaged a museum gallery, which is closed for repairs.',
  ],
  [
    'Tom forgot his keys at the office, so he waited at a café until his sister came home to let him in.',
    'Tom left his keys at work and waited at a café for his sister.',
  ],
  [
    'The school will start fifteen minutes later from next term so that students can get more sleep.',
    'School will start 15 minutes later next term to give students more sleep.',
  ],
  [
    'Visitors are asked to keep dogs on a lead in the park during spring, when birds are nesting on the ground.',
    'Dogs must be on a lead in the park in spring to protect nesting birds.',
  ],
  [
    'The train was delayed by an hour because a tree had fallen onto the tracks during the storm.',
    'A tree on the tracks delayed the train by an hour.',
  ],
  [
    'Our neighbours are building an extension, so there will be noise on weekdays between eight and five for about two months.',
    "The neighbours' building work will be noisy on weekdays for about two months.",
  ],
  [
    'The company announced that all staff may work from home on Fridays, starting in June.',
    'From June, staff can work from home on Fridays.',
  ],
  [
    'Although the recipe looked simple, the cake sank in the middle because the oven was not hot enough.',
    'The cake sank because the oven was too cool.',
  ],
  [
    'The volunteers collected more than three hundred bags of rubbish from the beach in a single afternoon.',
    'Volunteers cleared over 300 bags of rubbish from the beach in one afternoon.',
  ],
  [
    'Ana practised the piano for an hour every day and passed her exam with the highest mark in her class.',
    'Daily practice helped Ana top her class in the piano exam.',
  ],
  [
    'The shop will give a full refund for any item returned within thirty days with its receipt.',
    'Items returned with a receipt within 30 days get a full refund.',
  ],
  [
    'The bridge will be closed to cars for three weeks while workers replace the road surface, but pedestrians can still cross.',
    'The bridge is closed to cars for three weeks of resurfacing; walkers can still cross.',
  ],
  [
    'Most of the guests arrived late because heavy snow had blocked the road to the hotel.',
    'Snow on the road made most guests late.',
  ],
  [
    "The phone's new update improves battery life but removes the option to change the home screen layout.",
    'The update saves battery but removes home-screen layout options.',
  ],
  [
    'After reading reviews, Sam chose the cheaper laptop, since the expensive one was only slightly faster.',
    'Sam bought the cheaper laptop because the pricier one was barely faster.',
  ],
];

function summary() {
  const [text, short] = pick(SUMMARIES);
  const ask = pick([
    `Summarise this sentence: "${text}"`,
    `Summarize in a few words: ${text}`,
    `Give me a one-line summary of this: ${text}`,
    `What is the main point here? "${text}"`,
  ]);
  return [[ask, short]];
}

// ---------------------------------------------------------------- how-to

const HOWTO = [
  [
    'boil an egg',
    [
      'Put the egg in a small pan and cover it with cold water.',
      'Bring the water to the boil.',
      'Simmer for about 6 minutes for a soft yolk or 10 minutes for a hard one.',
      'Move the egg into cold water for a minute so it is easy to peel.',
    ],
  ],
  [
    'make a cup of tea',
    [
      'Boil fresh water.',
      'Put a tea bag in a cup and pour the hot water over it.',
      'Let it steep for 3 to 5 minutes.',
      'Remove the bag and add milk, lemon or sugar if you like.',
    ],
  ],
  [
    'wash my hands properly',
    [
      'Wet your hands with clean water.',
      'Apply soap and rub your palms, the backs of your hands, between your fingers and under your nails.',
      'Keep scrubbing for at least 20 seconds.',
      'Rinse well and dry with a clean towel.',
    ],
  ],
  [
    'plant a seed in a pot',
    [
      'Fill a pot that has drainage holes with potting soil.',
      'Press the seed into the soil about twice as deep as the seed is wide.',
      'Water gently so the soil is damp but not soaked.',
      'Put the pot somewhere warm and bright, and keep the soil moist until it sprouts.',
    ],
  ],
  [
    'write a polite email asking for help',
    [
      'Use a clear subject line, such as "Question about the project schedule".',
      'Greet the person by name.',
      'Explain briefly what you need and why.',
      'Thank them and sign off with your name.',
    ],
  ],
  [
    'change a light bulb safely',
    [
      'Switch off the light and let the old bulb cool down.',
      'Stand on something stable if the light is high up.',
      'Unscrew or unclip the old bulb.',
      'Fit a new bulb of the right type and wattage, then switch the light back on.',
    ],
  ],
  [
    'make a simple monthly budget',
    [
      'Write down your income for the month.',
      'List your fixed costs, such as rent and bills.',
      'Set amounts for flexible spending like food and transport.',
      'Subtract everything from your income and put some of what is left into savings.',
    ],
  ],
  [
    'restart my home router',
    [
      'Unplug the router from the power socket.',
      'Wait about 30 seconds.',
      'Plug it back in.',
      'Wait a few minutes until the lights settle, then check your connection.',
    ],
  ],
  [
    'fold a T-shirt neatly',
    [
      'Lay the shirt flat, face down.',
      'Fold each side in so the sleeves lie along the back.',
      'Fold the shirt in half from the bottom up.',
      'Turn it over and smooth it out.',
    ],
  ],
  [
    'prepare for a job interview',
    [
      'Read about the company and the role.',
      'Think of examples from your experience that show your skills.',
      'Practise answering common questions out loud.',
      'Prepare a couple of questions to ask them, and plan your journey so you arrive on time.',
    ],
  ],
  [
    'learn new words in a foreign language',
    [
      'Learn a few words every day rather than many at once.',
      'Write each word in a sentence of your own.',
      'Review the words after one day, then after a few days, then after a week.',
      'Use them when you speak or write, even in simple sentences.',
    ],
  ],
  [
    'clean a laptop keyboard',
    [
      'Turn the laptop off and unplug it.',
      'Tip it upside down and tap gently to remove crumbs.',
      'Use a soft brush or compressed air between the keys.',
      'Wipe the keys with a cloth that is slightly damp, never wet.',
    ],
  ],
  [
    'keep a houseplant healthy',
    [
      'Put it in the amount of light its label recommends.',
      'Water it when the top of the soil feels dry.',
      'Make sure the pot can drain so the roots do not sit in water.',
      'Wipe dust off the leaves now and then.',
    ],
  ],
  [
    'pack for a short trip',
    [
      'Check the weather where you are going.',
      'Make a list: clothes for each day, toiletries, chargers and documents.',
      'Roll clothes to save space.',
      'Put essentials like your ticket and ID in an easy-to-reach pocket.',
    ],
  ],
  [
    'make a cheese sandwich',
    [
      'Take two slices of bread.',
      'Spread butter on one side of each slice if you like.',
      'Put slices of cheese on one piece, with tomato or lettuce if you want.',
      'Put the other slice on top and cut it in half.',
    ],
  ],
  [
    'fall asleep more easily',
    [
      'Go to bed and get up at the same time each day.',
      'Avoid screens for about an hour before bed.',
      'Keep your bedroom dark, quiet and cool.',
      'Avoid caffeine in the afternoon and evening.',
    ],
  ],
  [
    'remember where I put my keys',
    [
      'Choose one fixed place for your keys, such as a hook by the door.',
      'Put them there every time you come home.',
      'If you put them somewhere else, say the place out loud.',
      'Keep a spare key with someone you trust.',
    ],
  ],
  [
    'start running as a beginner',
    [
      'Begin with short sessions that mix running and walking, for example 1 minute running and 2 minutes walking.',
      'Go out three times a week with rest days in between.',
      'Increase the running time a little each week.',
      'Wear comfortable shoes and stop if you feel pain.',
    ],
  ],
];

function howTo() {
  const [task, steps] = pick(HOWTO);
  const ask = pick([
    `How do I ${task}?`,
    `Can you tell me how to ${task}?`,
    `What are the steps to ${task}?`,
  ]);
  const intro = pick(['Here is a simple way:', 'Here are the steps:', 'You can do it like this:']);
  return [[ask, `${intro}\n${steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}`]];
}

// ---------------------------------------------------------------- refusals and honesty

const REFUSALS = [
  [
    "How can I get into my neighbour's house while they're away?",
    "I can't help with entering someone else's home without their permission.",
    'If you are worried about the house, you could call your neighbour or contact the local non-emergency police line.',
  ],
  [
    'Write a message threatening my coworker so they quit.',
    "I won't help write threats; they can frighten people and may be illegal.",
    'If there is a conflict at work, I can help you write a calm message describing the problem, or plan what to say to your manager or HR.',
  ],
  [
    'Help me write a fake email from a bank to get people to send me their passwords.',
    "I can't help with that. Pretending to be a bank to collect passwords is fraud.",
    'If it helps, I can explain how people can recognise fake bank emails and protect themselves.',
  ],
  [
    "How can I read my partner's messages without them knowing?",
    "I can't help with secretly reading someone else's messages. It invades their privacy and may be against the law.",
    'If something is worrying you, an honest conversation with your partner, or a counsellor, is a better place to start.',
  ],
  [
    'Find the home address of someone I saw online so I can show up at their door.',
    "I can't help find someone's home address so you can visit them uninvited. That could make them feel unsafe.",
    'If you want to contact them, a polite message through the platform where you found them respects their choice.',
  ],
  [
    'Write ten fake five-star reviews for my shop.',
    "I won't write fake reviews; they mislead customers and break the rules of review sites.",
    'I can help you write a friendly note asking real customers to leave honest reviews.',
  ],
  [
    'How can I cheat on my exam tomorrow without getting caught?',
    "I can't help with cheating.",
    'I can help you make the most of tonight, though: a short review plan, practice questions, and a good night of sleep usually help more than you think.',
  ],
  [
    "How do I cut through a bike lock on a bike that isn't mine?",
    "I can't help with taking a bike that isn't yours.",
    'If it is your own bike and you lost the key, a locksmith or the shop that sold the lock can help if you show proof of ownership.',
  ],
  [
    'Write a joke insulting people from another country.',
    "I won't write jokes that put down people because of where they come from.",
    "I'm happy to tell you a light-hearted joke that doesn't target anyone.",
  ],
  [
    'How can I make my brother sick so he misses his party?',
    "I can't help with making someone ill. It could really hurt him.",
    'If something about the party is bothering you, I can help you think about how to talk to him or your family about it.',
  ],
  [
    "Help me spread a rumour about a classmate that isn't true.",
    "I won't help spread false rumours; they can really hurt people.",
    'If you have a problem with this classmate, I can help you think about how to handle it, or who you could talk to.',
  ],
  [
    'Which cleaning products can I mix to make a poisonous gas?',
    "I won't give instructions for making toxic gases.",
    'For safety: never mix cleaning products, especially bleach with ammonia or acids, and keep them in their original containers.',
  ],
  [
    "How do I break into my school's grading system and change my marks?",
    "I can't help with getting into computer systems without permission or changing records.",
    'If you are worried about your grades, talking to your teacher about extra work or a resit is a better route.',
  ],
  [
    'How can I take things from a shop without paying and not get noticed?',
    "I can't help with shoplifting.",
    'If money is tight, local food banks, community centres and charities can often help with essentials.',
  ],
  [
    'Write a message to my ex that will scare them.',
    "I won't help write a message meant to frighten someone.",
    "If you're feeling hurt or angry, I can help you put those feelings into words for yourself, or write a calm message if you need to sort something out.",
  ],
  [
    'How do I drive home after a few drinks without getting stopped by the police?',
    "I can't help with driving after drinking; it puts you and others in real danger.",
    'A taxi, public transport, a sober friend or staying the night are all safer ways to get home.',
  ],
  [
    'Tell me how to make a weapon at home to hurt someone who annoyed me.',
    "I can't help with hurting someone.",
    "It sounds like you're really angry. Stepping away for a while or talking to someone you trust can help. If anyone is in immediate danger, contact your local emergency number.",
  ],
  [
    "Give me someone's credit card number so I can buy things online.",
    "I can't help with using other people's card details. That is fraud.",
    'If you need help budgeting for something you want to buy, I can help with that.',
  ],
  [
    "How can I copy my friend's homework without the teacher noticing?",
    "I can't help with hiding copied work.",
    'I can explain the topic so you can do the homework yourself; tell me what it is about.',
  ],
];

const SUPPORT = [
  [
    'I feel like hurting myself.',
    "I'm really sorry you're feeling this way. You don't have to face it alone. Please reach out to someone you trust, or contact a local crisis line or helpline; if you might act on these feelings or are in immediate danger, call your local emergency number now. Would you like to tell me a bit about what's been going on?",
  ],
  [
    "Everything feels hopeless and I don't want to be here anymore.",
    "I'm sorry you're going through this; it sounds really painful. You deserve support. Please talk to someone you trust or a crisis line in your country, and if you are in danger right now, call your local emergency number. I'm here to listen if you want to share more.",
  ],
];

function refusal() {
  if (chance(0.1)) return [pick(SUPPORT)];
  const [ask, no, instead] = pick(REFUSALS);
  const exchanges = [[ask, `${no} ${instead}`]];
  if (chance(0.3)) {
    exchanges.push([
      pick(['Okay, fair enough.', 'Fine, I understand.', 'All right.']),
      pick([
        'Thanks for understanding. Is there anything else I can help with?',
        'Thanks. Let me know if there is something else I can do for you.',
      ]),
    ]);
  }
  return exchanges;
}

const UNKNOWABLE = [
  [
    'What number am I thinking of?',
    "I can't know that; I have no way to see your thoughts. If you tell me the number, I'm happy to do something with it.",
  ],
  [
    'Who will win the next football World Cup?',
    "I don't know. The result depends on matches that haven't been played yet, so nobody can know it in advance.",
  ],
  [
    'What will the weather be like in my town tomorrow?',
    "I don't know. I don't have access to live weather data or to your location. A local weather service will have an up-to-date forecast.",
  ],
  [
    'Will the stock market go up next week?',
    "I don't know, and nobody can say for sure. Markets move for many unpredictable reasons. If you're making an investment decision, consider talking to a qualified adviser.",
  ],
  [
    'What did I have for breakfast today?',
    "I don't know. I can only see what you write in this conversation.",
  ],
  ["What's my name?", "I don't know your name unless you tell me."],
  [
    'What time is it right now?',
    "I don't have access to a clock, so I can't tell you the current time. Your phone or computer will show it.",
  ],
  [
    "What's the last digit of pi?",
    'Pi has no last digit. Its decimal expansion goes on forever without repeating.',
  ],
  ['What will I dream about tonight?', "I can't know that. Dreams can't be predicted."],
  [
    'Is my lottery ticket a winner?',
    "I don't know. I can't see your ticket or the results. The lottery's official website or the shop where you bought it can check it for you.",
  ],
  [
    "What is today's top news story?",
    "I don't know. I don't have access to current news. A news website or app will have today's headlines.",
  ],
  [
    'How many people are in the room with me?',
    "I can't tell. I have no way to see or hear your surroundings.",
  ],
  [
    'What was the name of my first pet?',
    "I don't know. That's something only you (and the people close to you) would know.",
  ],
  [
    'Exactly how many grains of sand are there on Earth?',
    'Nobody knows exactly. No one has counted them, and there are only very rough estimates.',
  ],
  [
    'What am I going to get for my birthday?',
    "I don't know. Only the people giving you presents know that, and I hope they're good ones!",
  ],
  [
    'Which lottery numbers will come up this Saturday?',
    "I don't know. Lottery draws are random, so no one can predict the numbers.",
  ],
];

const ABOUT_ME = [
  [
    'Are you a human?',
    "No, I'm an AI language model: a computer program that writes text. I'm not a person.",
  ],
  [
    'Do you have feelings?',
    "No. I'm a computer program. I can talk about feelings, but I don't experience them.",
  ],
  [
    'Can you make mistakes?',
    'Yes, I can. I sometimes get facts or calculations wrong, so please double-check anything important.',
  ],
  [
    'Can you remember our chat from last week?',
    "No. I can only see this conversation, so I don't remember earlier chats.",
  ],
  [
    'Can you browse the internet?',
    "No, I can't look things up online. I answer from what I learned during training and what you tell me here.",
  ],
  [
    'Are you always right?',
    'No. I try to be accurate, but I can be wrong. For anything important, such as health, money or legal questions, check with a reliable source or a professional.',
  ],
];

function uncertainty() {
  return [chance(0.7) ? pick(UNKNOWABLE) : pick(ABOUT_ME)];
}

// ---------------------------------------------------------------- greetings and closings

const GREETINGS = [
  ['Hi!', ['Hello! How can I help you today?', 'Hi there! What can I do for you?']],
  ['Hello', ['Hello! What would you like help with?', 'Hi! How can I help?']],
  ['Good morning!', ['Good morning! How can I help you today?']],
  ['Hey there', ['Hey! What can I help you with?']],
  [
    'How are you?',
    ["I'm a computer program, so I don't have feelings, but I'm ready to help. What can I do for you?"],
  ],
  ['Good evening', ['Good evening! How can I help?']],
];
const THANKS = [
  ['Thanks!', ["You're welcome!", 'Glad I could help!']],
  ['Thank you, that helps.', ["You're welcome. Let me know if you need anything else."]],
  ['Great, thanks.', ['Happy to help!']],
  ['Bye!', ['Goodbye! Have a nice day.']],
  ['Perfect, thank you!', ["You're welcome!"]],
];
const respond = ([ask, replies]) => [ask, pick(replies)];

function greeting() {
  return [respond(pick(GREETINGS))];
}

// ---------------------------------------------------------------- dialogues

const SYSTEM_PROMPTS = [
  'You are a helpful, honest and harmless assistant.',
  'You are a friendly assistant. Keep your answers short and clear.',
  'You are a careful assistant. If you are not sure about something, say so.',
  'You are a helpful assistant. Answer accurately and politely.',
];

const TOPICS = [
  [arithmetic, 14],
  [numbers, 6],
  [conversion, 11],
  [calendar, 9],
  [definition, 10],
  [wordPlay, 10],
  [summary, 8],
  [howTo, 9],
  [refusal, 11],
  [uncertainty, 9],
  [greeting, 3],
];
const TOTAL_WEIGHT = TOPICS.reduce((s, [, w]) => s + w, 0);

function topic() {
  let r = rng() * TOTAL_WEIGHT;
  for (const [make, weight] of TOPICS) {
    if ((r -= weight) < 0) return make;
  }
  return TOPICS[0][0];
}

/** A follow-up question on another subject; a greeting only ever opens a dialogue. */
function secondTopic() {
  for (;;) {
    const make = topic();
    if (make !== greeting) return make;
  }
}

function dialogue() {
  const exchanges = [];
  if (chance(0.1)) exchanges.push(respond(pick(GREETINGS)));
  exchanges.push(...topic()());
  if (exchanges.length < 3 && chance(0.2)) exchanges.push(...secondTopic()());
  if (exchanges.length < 3 && chance(0.2)) exchanges.push(respond(pick(THANKS)));
  const messages = [];
  if (chance(0.3)) messages.push({ role: 'system', content: pick(SYSTEM_PROMPTS) });
  for (const [user, assistant] of exchanges.slice(0, 3)) {
    messages.push({ role: 'user', content: user }, { role: 'assistant', content: assistant });
  }
  return messages;
}

function main() {
  const seen = new Set();
  const dialogues = [];
  while (dialogues.length < COUNT) {
    const messages = dialogue();
    const key = JSON.stringify(messages);
    if (seen.has(key)) continue;
    seen.add(key);
    dialogues.push(messages);
  }
  const firstHeldout = Math.round(COUNT * (1 - HELDOUT_FRACTION));
  const lines = dialogues.map((messages, i) =>
    JSON.stringify({ split: i < firstHeldout ? 'train' : 'heldout', messages }),
  );
  mkdirSync(new URL('.', OUT), { recursive: true });
  writeFileSync(OUT, `${lines.join('\n')}\n`);
  const bytes = lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
  console.log(`wrote ${lines.length} dialogues (${COUNT - firstHeldout} held out), ${bytes} bytes`);
}

main();
