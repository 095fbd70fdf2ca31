import type { Locale, Place } from '../../knowledge/schema.js';

/**
 * The words /check reads a statement with, one table per language. Chat mixes both languages ("R1 cuma
 * $294k, right?"), so the engine reads every statement with both tables; the language only decides which
 * way an ambiguous "50.000" is read first. Patterns are plain words or phrases, matched on whole words
 * after lower-casing; `*` at the end of a word stands for any ending.
 */
export interface Vocabulary {
  /** Words that multiply the number before them. */
  scales: Readonly<Record<string, number>>;
  /** Number words: "fifty", "sepuluh"; combined with scales ("fifty thousand", "lima puluh ribu"). */
  numbers: Readonly<Record<string, number>>;
  /** Fractions that can stand for a number ("setengah juta", "a quarter of a million"). */
  fractions: Readonly<Record<string, number>>;
  /** Before a number: about, more than, less than. */
  approximate: readonly string[];
  over: readonly string[];
  under: readonly string[];
  /** Units of time, in hours. */
  timeUnits: Readonly<Record<string, number>>;
  gpuHourUnits: readonly string[];
  countUnits: readonly string[];
  /** Currencies other than dollars and rupiah: money /check cannot compare. */
  otherCurrencies: readonly string[];
  /** Ratios and shares ("19x", "30%", "dua pertiga"): not amounts. */
  ratioWords: readonly string[];
  negations: readonly string[];
  /** Phrases with a negation word that add rather than deny ("not only", "bukan cuma", "no wonder"). */
  notNegations: readonly string[];
  /** Verbs of using a chip: "trained on", "ran on", "pake". */
  chipUseWords: readonly string[];
  /** Words that make a ratio one of money ("cost", "anggaran"). */
  costWords: readonly string[];
  /** Shares in words ("two-thirds", "dua pertiga"), when they say of what. */
  shares: Readonly<Record<string, number>>;
  /** "of", "dari": what follows a share names its whole. */
  ofWords: readonly string[];
  /** A plan said to have happened ("on schedule", "sesuai jadwal"): done, not planned. */
  asPlanned: readonly string[];
  /** Words saying whose a model is ("made by", "buatan"); the possessive "'s" counts too. */
  ownershipWords: readonly string[];
  /** After a multiple, words that make it a division ("19x less", "20 kali lebih murah"). */
  ratioInverse: readonly string[];
  /** Words of a product worked out in a statement ("512 × 80 hours", "80 jam di 512 GPU"). */
  timesWords: readonly string[];
  /** Words giving a product's result ("=", "is", "jadi"). */
  equalsWords: readonly string[];
  /** Words that move a chip claim to serving a model, not training it. */
  inferenceWords: readonly string[];
  /** Places a claim can say training happens in ("in Malaysia", "di luar negeri"). */
  places: Readonly<Record<Place, readonly string[]>>;
  /** Words that make a place a claim about where training or compute happens. */
  locationWords: readonly string[];
  /** Words of trying something that did not stick ("tried Ascend", "sempat coba", "gagal"). */
  tryWords: readonly string[];
  /** Words of moving something elsewhere ("relocated", "pindah"), as opposed to renting there. */
  moveWords: readonly string[];
  /** Words of bringing chips into a country ("import", "ship to", "ngimpor"). */
  importWords: readonly string[];
  /** Words that compare with another firm rather than name the subject ("like Alibaba", "kyk Alibaba"). */
  comparisonWords: readonly string[];
  /** Words saying what hardware a place offers ("include", "full of", "berisi"). */
  offerWords: readonly string[];
  /** "isn't it?", "bukannya": a question tag, not a denial. */
  questionTags: readonly string[];
  questionWords: readonly string[];
  hedges: readonly string[];
  timeFrame: {
    /** Said as happening now or already done. */
    now: readonly string[];
    planned: readonly string[];
    forecast: readonly string[];
  };
  /** Scope modifiers that widen a figure beyond what it covers, by what they add. */
  widening: Readonly<Record<WideningConcept, readonly string[]>>;
  /** Stages of a training run a statement can name. */
  stages: Readonly<Record<Stage, readonly string[]>>;
  /** Words joining two subjects into one amount ("V3 and R1 together"). */
  combining: readonly string[];
  /** Money that is not a training or build cost: fines, prices per token, salaries, yearly bills. */
  otherMoney: readonly string[];
  /** Quantities /check has no property for: parameters, tokens, users, staff. */
  otherCounts: readonly string[];
  /** GPUs held rather than used for a run. */
  holding: readonly string[];
  releaseWords: readonly string[];
  announceWords: readonly string[];
  /** A rule or control coming into force. */
  effectiveWords: readonly string[];
  rescindedWords: readonly string[];
  /** A firm's founding: /check has no such property. */
  foundedWords: readonly string[];
  /** Words that end one claim and start another. */
  clauseBreaks: readonly string[];
  /** Everyday words that tell the language apart. */
  commonWords: readonly string[];
  /** Money put into building something (a data centre), not spent on training. */
  investmentWords: readonly string[];
}

export type WideningConcept = 'base_model' | 'hardware' | 'research' | 'everything';
export type Stage = 'zero' | 'final' | 'sft' | 'total';

const en: Vocabulary = {
  scales: {
    k: 1e3,
    thousand: 1e3,
    thousands: 1e3,
    grand: 1e3,
    m: 1e6,
    mn: 1e6,
    mln: 1e6,
    mil: 1e6,
    mio: 1e6,
    million: 1e6,
    millions: 1e6,
    b: 1e9,
    bn: 1e9,
    bil: 1e9,
    billion: 1e9,
    billions: 1e9,
    t: 1e12,
    tn: 1e12,
    trillion: 1e12,
    trillions: 1e12,
  },
  numbers: {
    a: 1,
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
    eleven: 11,
    twelve: 12,
    fifteen: 15,
    twenty: 20,
    thirty: 30,
    forty: 40,
    fifty: 50,
    sixty: 60,
    seventy: 70,
    eighty: 80,
    ninety: 90,
    hundred: 100,
  },
  fractions: { half: 0.5, quarter: 0.25, third: 1 / 3 },
  approximate: [
    'about',
    'around',
    'roughly',
    'approximately',
    'approx',
    'some',
    'circa',
    'like',
    'close to',
    'closer to',
    'in the neighbourhood of',
    'in the neighborhood of',
    'in the region of',
    'ballpark',
    'somewhere around',
    '~',
    '≈',
    '±',
    '+-',
  ],
  over: ['more than', 'over', 'above', 'at least', 'upwards of', 'north of', 'in excess of'],
  under: ['less than', 'under', 'below', 'fewer than', 'nearly', 'almost', 'just under', 'up to'],
  timeUnits: {
    minute: 1 / 60,
    minutes: 1 / 60,
    min: 1 / 60,
    mins: 1 / 60,
    hour: 1,
    hours: 1,
    hr: 1,
    hrs: 1,
    h: 1,
    day: 24,
    days: 24,
    week: 168,
    weeks: 168,
    month: 730,
    months: 730,
  },
  gpuHourUnits: ['gpu-hours', 'gpu-hour', 'gpu hours', 'gpu hour', 'gpu-hrs', 'gpu hrs', 'gpuh', 'gpu-h'],
  countUnits: [
    'gpus',
    'gpu',
    'chips',
    'chip',
    'units',
    'unit',
    'accelerators',
    'accelerator',
    'cards',
    'card',
  ],
  otherCurrencies: [
    'yuan',
    'rmb',
    'cny',
    '¥',
    'won',
    'krw',
    'euro',
    'euros',
    '€',
    'eur',
    'yen',
    'ringgit',
    'sgd',
  ],
  ratioWords: ['%', 'percent', 'per cent', 'x', 'times', 'fold'],
  negations: [
    'not',
    'never',
    "didn't",
    'didnt',
    "isn't",
    "wasn't",
    "aren't",
    "weren't",
    "doesn't",
    "don't",
    "hasn't",
    "haven't",
    'no longer',
    'nor',
    // Calling what follows false denies it.
    'false that',
    'a lie that',
    'a myth that',
    'untrue that',
    'fake news that',
    'hoax that',
  ],
  notNegations: [
    'not only',
    'not just',
    'not merely',
    'no wonder',
    'no surprise',
    'not surprisingly',
    'no doubt',
  ],
  chipUseWords: [
    'train*',
    'ran on',
    'run on',
    'runs on',
    'running on',
    'used',
    'uses',
    'using',
    'use',
    'touched',
    'built on',
    'on',
  ],
  inferenceWords: ['inference', 'serving', 'serves', 'deploy*'],
  places: {
    china: ['china', 'mainland', 'domestic', 'domestically', 'at home', 'home soil', 'in-country', 'prc'],
    abroad: ['abroad', 'overseas', 'offshore', 'outside china'],
    'southeast-asia': ['southeast asia*', 'south-east asia*', 'se asia*', 'asean'],
    malaysia: ['malaysia', 'malaysian', 'johor', 'kuala lumpur'],
    singapore: ['singapore', 'singaporean'],
  },
  locationWords: [
    'train*',
    'moved',
    'move*',
    'relocat*',
    'rent*',
    'lease*',
    'based',
    'compute',
    'cluster*',
    'data cent*',
    'server*',
    'facilit*',
    'capacity',
    'runs',
    'run',
  ],
  tryWords: [
    'tried',
    'try*',
    'attempt*',
    'experiment*',
    'tested',
    'testing',
    'gave up',
    'abandon*',
    'fail*',
    'struggl*',
    'problem*',
    'issues',
    'trouble*',
  ],
  moveWords: ['moved', 'move', 'moves', 'moving', 'relocat*', 'shift*', 'picked up', 'packed up', 'uproot*'],
  importWords: ['import*', 'ship*', 'smuggl*', 'brought into', 'bring into', 'brings into'],
  comparisonWords: ['like', 'just like', 'same as', 'as did', 'unlike', 'similar to', 'following'],
  offerWords: ['include*', 'has', 'have', 'offer*', 'full of', 'equipped', 'stocked', 'packed', 'house*'],
  costWords: ['cost*', 'spent', 'spend*', 'budget', 'dollars', 'price', 'bill'],
  shares: {
    half: 0.5,
    'one half': 0.5,
    'a third': 1 / 3,
    'one third': 1 / 3,
    'two thirds': 2 / 3,
    'a quarter': 0.25,
    'one quarter': 0.25,
    'three quarters': 0.75,
  },
  ofWords: ['of', 'of the', 'what'],
  ratioInverse: ['less', 'cheaper', 'fewer', 'smaller', 'lower', 'under'],
  asPlanned: ['on schedule', 'as planned', 'as scheduled', 'on time', 'on track'],
  ownershipWords: ['by', 'from', 'owned', 'owns', 'belongs to', 'belonging to', 'product of'],
  timesWords: ['×', 'x', 'times', 'multiplied by', 'on'],
  equalsWords: ['=', 'is', 'equals', 'comes to', 'makes', 'gives'],
  questionTags: ["isn't it", "wasn't it", "didn't it", 'right?', 'right', 'no?', 'eh?'],
  questionWords: [
    'is it true',
    'is it right',
    'did',
    'does',
    'do',
    'is',
    'was',
    'were',
    'are',
    'why',
    'how',
    'really',
    'so',
    'wait',
    'how many',
    'how much',
    'what',
  ],
  hedges: [
    'reportedly',
    'supposedly',
    'apparently',
    'allegedly',
    'rumoured',
    'rumored',
    'word is',
    'i heard',
    'i read',
    'they say',
    'people say',
    'officials say',
    'according to',
    'per the',
    'said to',
    'claims',
    'claimed',
  ],
  timeFrame: {
    now: [
      'already',
      'now',
      'currently',
      'today',
      'these days',
      'has been out',
      'is out',
      'is already',
      'so far',
    ],
    planned: [
      'plan',
      'plans',
      'planned',
      'planning',
      'scheduled',
      'schedule',
      'will',
      'was to',
      'was supposed to',
      'originally',
      'first planned',
    ],
    forecast: [
      'expect',
      'expects',
      'expected',
      'forecast',
      'forecasts',
      'projected',
      'projection',
      'predicts',
      'predicted',
      'will',
      'future',
      'in a few years',
      'soon',
      'climb to',
      'could',
      'would',
    ],
  },
  widening: {
    base_model: ['base model', 'pre-training', 'pretraining', 'pre-train', 'pretrain', 'v3 base', 'base'],
    hardware: ['hardware', 'buying', 'buy', 'bought', 'purchase', 'purchasing', 'servers'],
    research: ['research', 'staff', 'salaries', 'everything else'],
    everything: [
      'all-in',
      'all in',
      'everything',
      'from scratch',
      'from the ground up',
      'whole',
      'entire',
      'total cost of building',
      'all told',
      'end to end',
      'end-to-end',
      'start to finish',
      'beginning to end',
    ],
  },
  stages: {
    zero: ['r1-zero', 'r1 zero', 'zero stage'],
    final: [
      'final stage',
      'last stage',
      'final r1 stage',
      'r1 stage',
      'final rl stage',
      'final run',
      'stage alone',
    ],
    sft: ['sft', 'sft data', 'sft dataset', 'supervised fine-tuning', 'fine-tuning data'],
    total: ['total', 'in total', 'rl stages', 'reasoning stages', 'rl side', 'rl bill', 'all three stages'],
  },
  combining: ['together', 'combined', 'both', 'plus', '+'],
  otherMoney: [
    'fine',
    'fined',
    'fines',
    'penalty',
    'revenue',
    'revenues',
    'sales',
    'valuation',
    'valued',
    'funding',
    'raised',
    'salary',
    'salaries',
    'stock',
    'shares',
    'profit',
    'loss',
    'market cap',
    'token',
    'tokens',
    'api',
    'subscription',
    'electricity',
    'power bill',
    'annual',
    'a year',
    'per year',
    'yearly',
    'per month',
    'a month',
    'monthly',
    'servers',
    'sold',
    'sells',
    'ships',
    'shipped',
    'lend',
    'lent',
    'charges',
    'charge',
    'price per',
  ],
  otherCounts: [
    'parameters',
    'parameter',
    'params',
    'tokens',
    'token',
    'users',
    'user',
    'employees',
    'staff',
    'people',
    'visits',
    'visitors',
    'downloads',
    'samples',
    'experts',
    'positions',
    'jobs',
    'gw',
    'mw',
    'score',
    'scored',
  ],
  holding: [
    'holds',
    'hold',
    'has',
    'have',
    'had',
    'owns',
    'own',
    'owned',
    'stockpile*',
    'hoard*',
    'possess*',
    'stash',
    'count',
    'ended up with',
  ],
  releaseWords: ['release*', 'launch*', 'came out', 'come out', 'out since', 'is out', 'shipped'],
  announceWords: [
    'announce*',
    'disclos*',
    'cost was published',
    'published',
    'publish',
    'reveal*',
    'made public',
    'came out in',
    'paper',
    'said the',
    'first said',
    'put out',
  ],
  effectiveWords: [
    'imposed',
    'introduced',
    'took effect',
    'tightened',
    'implemented',
    'enacted',
    'date from',
    'dates from',
    'banned',
    'ban',
    'restrict*',
    'came into force',
    'in force',
  ],
  rescindedWords: [
    'scrapped',
    'cancelled',
    'canceled',
    'rescinded',
    'revoked',
    'repealed',
    'dropped',
    'killed',
  ],
  foundedWords: ['founded', 'established', 'set up', 'incorporated'],
  clauseBreaks: [
    'but',
    'while',
    'whereas',
    'although',
    'though',
    'vs',
    'versus',
    'whereas',
    'then',
    'so',
    'and',
  ],
  investmentWords: ['invest*', 'data centre', 'data center', 'datacenter', 'build a', 'building a'],
  commonWords: [
    'the',
    'was',
    'is',
    'of',
    'for',
    'to',
    'and',
    'with',
    'cost',
    'trained',
    'about',
    'hours',
    'on',
    'its',
    'it',
    'that',
    'in',
    'were',
    'did',
    'has',
  ],
};

const id: Vocabulary = {
  scales: {
    rb: 1e3,
    ribu: 1e3,
    jt: 1e6,
    juta: 1e6,
    m: 1e9,
    miliar: 1e9,
    milyar: 1e9,
    t: 1e12,
    triliun: 1e12,
    trilyun: 1e12,
  },
  numbers: {
    satu: 1,
    se: 1,
    dua: 2,
    tiga: 3,
    empat: 4,
    lima: 5,
    enam: 6,
    tujuh: 7,
    delapan: 8,
    sembilan: 9,
    sepuluh: 10,
    sebelas: 11,
    seratus: 100,
    ratus: 100,
    puluh: 10,
    belas: 10,
  },
  fractions: {
    setengah: 0.5,
    separuh: 0.5,
    seperempat: 0.25,
    sepertiga: 1 / 3,
    'dua pertiga': 2 / 3,
    'tiga perempat': 0.75,
  },
  approximate: [
    'sekitar',
    'kira-kira',
    'kira2',
    'kurang lebih',
    'lebih kurang',
    'sekira',
    'kisaran',
    'kurleb',
    'kayak',
    'kayaknya',
    'mendekati',
  ],
  over: ['lebih dari', 'di atas', 'setidaknya', 'minimal', 'paling sedikit'],
  under: ['kurang dari', 'di bawah', 'hampir', 'nyaris', 'hingga', 'sampai', 'maksimal'],
  timeUnits: { menit: 1 / 60, jam: 1, hari: 24, harian: 24, minggu: 168, pekan: 168, bulan: 730 },
  gpuHourUnits: ['jam gpu', 'jam-gpu', 'gpu jam', 'gpu-jam'],
  countUnits: ['gpu', 'chip', 'cip', 'unit', 'akselerator', 'kartu', 'keping', 'biji'],
  otherCurrencies: ['yuan', 'won', 'euro', 'yen', 'ringgit'],
  ratioWords: ['%', 'persen', 'kali', 'kali lipat', 'lipat'],
  negations: [
    'tidak',
    'tak',
    'bukan',
    'belum',
    'gak',
    'ga',
    'nggak',
    'ngga',
    'enggak',
    'engga',
    'ndak',
    'kagak',
    'tidak pernah',
    'gak pernah',
    'belum pernah',
    'jangan',
    // Calling what follows false denies it.
    'hoaks kalau',
    'hoax kalau',
    'bohong kalau',
    'bohong bahwa',
    'hoaks bahwa',
    'salah kalau',
    'keliru kalau',
    'mitos kalau',
  ],
  notNegations: [
    'bukan cuma',
    'bukan hanya',
    'bukan sekadar',
    'tidak hanya',
    'tidak cuma',
    'tak hanya',
    'gak cuma',
    'ga cuma',
    'nggak cuma',
    'gak heran',
    'ga heran',
    'nggak heran',
    'tidak heran',
    'tak heran',
    // "tidak langsung" is indirect, not a denial.
    'tidak langsung',
    'tak langsung',
    'gak langsung',
  ],
  chipUseWords: [
    'dilatih',
    'melatih',
    'latih',
    'pake',
    'pakai',
    'memakai',
    'menggunakan',
    'pakainya',
    'pakenya',
    'di',
    'jalan di',
    'nyentuh',
  ],
  inferenceWords: ['inferensi', 'inferensinya', 'inference', 'deploy*'],
  places: {
    china: [
      'china',
      'tiongkok',
      'cina',
      'dalam negeri',
      'dlm negeri',
      'domestik',
      'negeri sendiri',
      'rumah sendiri',
    ],
    abroad: ['luar negeri', 'luar china', 'luar tiongkok', 'mancanegara', 'negara lain'],
    'southeast-asia': ['asia tenggara', 'asean'],
    malaysia: ['malaysia', 'johor', 'kuala lumpur'],
    singapore: ['singapura', 'singapore', 'sg', 'spore'],
  },
  locationWords: [
    'latih*',
    'dilatih',
    'melatih',
    'pelatihan*',
    'training*',
    'pindah*',
    'memindahkan',
    'dipindah*',
    'sewa*',
    'menyewa',
    'nyewa',
    'disewa',
    'pusat data*',
    'data center*',
    'kluster*',
    'cluster*',
    'komputasi',
    'server*',
    'kapasitas',
    'fasilitas*',
    'jalan*',
    'dijalankan',
    'berbasis',
  ],
  tryWords: [
    'coba*',
    'mencoba',
    'dicoba',
    'nyoba',
    'sempat',
    'uji*',
    'diuji',
    'eksperimen',
    'gagal',
    'tersandung',
    'kendala',
    'masalah',
    'bermasalah',
    'nyerah',
  ],
  moveWords: [
    'pindah*',
    'memindahkan',
    'mindahin',
    'dipindah*',
    'boyong*',
    'diboyong',
    'memboyong',
    'hijrah',
  ],
  importWords: [
    'impor*',
    'ngimpor',
    'mengimpor',
    'diimpor',
    'dikirim ke',
    'ngirim ke',
    'selundup*',
    'nyelundup*',
  ],
  comparisonWords: [
    'kyk',
    'kayak',
    'kaya',
    'seperti',
    'sama kayak',
    'sama kyk',
    'mirip',
    'ikut*',
    'ngikutin',
    'beda sama',
    'beda dengan',
  ],
  offerWords: [
    'termasuk',
    'punya',
    'memiliki',
    'berisi',
    'penuh',
    'menyediakan',
    'nyediain',
    'ada',
    'isinya',
  ],
  costWords: ['biaya*', 'anggaran*', 'ongkos*', 'dolar', 'duit*', 'habis', 'harga*'],
  shares: {
    setengah: 0.5,
    separuh: 0.5,
    sepertiga: 1 / 3,
    'dua pertiga': 2 / 3,
    seperempat: 0.25,
    'tiga perempat': 0.75,
  },
  ofWords: ['dari', 'dr'],
  ratioInverse: ['lebih murah', 'lebih kecil', 'lebih sedikit', 'lebih rendah', 'lebih hemat'],
  asPlanned: ['sesuai jadwal', 'sesuai rencana', 'tepat waktu', 'sesuai target'],
  ownershipWords: ['buatan', 'milik', 'punya', 'bikinan', 'besutan', 'garapan', 'dari', 'produk', 'keluaran'],
  timesWords: ['×', 'x', 'kali', 'dikali', 'di'],
  equalsWords: ['=', 'jadi', 'sama dengan', 'hasilnya', 'adalah'],
  questionTags: ['bukannya', 'kan', 'ya', 'kan?', 'ya?', 'bukan?', 'gak sih', 'ga sih'],
  questionWords: [
    'apa',
    'apakah',
    'beneran',
    'benarkah',
    'benar',
    'emang',
    'emangnya',
    'masa',
    'masak',
    'kok',
    'kenapa',
    'mengapa',
    'berapa',
    'jadi',
    'loh',
    'lho',
  ],
  hedges: [
    'katanya',
    'konon',
    'dengar-dengar',
    'denger-denger',
    'dengar2',
    'denger2',
    'kabarnya',
    'menurut kabar',
    'menurut',
    'dilaporkan',
    'disebut',
    'disebut-sebut',
    'rumornya',
    'isunya',
    'kata',
    'kabar',
  ],
  timeFrame: {
    now: ['sudah', 'udah', 'dah', 'sekarang', 'skrg', 'skrng', 'saat ini', 'kini', 'telah'],
    planned: [
      'rencana',
      'rencananya',
      'direncanakan',
      'berencana',
      'dijadwalkan',
      'dijadwalin',
      'jadwal',
      'awalnya',
      'akan',
      'bakal',
      'mau',
    ],
    forecast: [
      'diperkirakan',
      'memperkirakan',
      'perkiraan',
      'proyeksi',
      'diproyeksi',
      'diproyeksikan',
      'ke depan',
      'masa depan',
      'nanti',
      'akan',
      'bakal',
    ],
  },
  widening: {
    base_model: ['model dasar', 'pre-training', 'pra-pelatihan', 'pretraining', 'base'],
    hardware: ['hardware', 'perangkat keras', 'beli', 'membeli', 'pembelian', 'server'],
    research: ['riset', 'gaji', 'staf', 'karyawan'],
    everything: [
      'dari nol',
      'dari awal',
      'sampe jadi',
      'sampai jadi',
      'seluruh pengembangan',
      'semuanya',
      'sekaligus',
      'total biaya bikin',
      'keseluruhan',
    ],
  },
  stages: {
    zero: ['r1-zero', 'r1 zero', 'tahap zero'],
    final: ['tahap akhir', 'tahap r1', 'tahap terakhir', 'stage r1', 'tahap final'],
    sft: ['sft', 'data sft', 'pembuatan data'],
    total: ['total', 'seluruh tahap', 'tahap rl', 'tahap penalaran', 'semua tahap'],
  },
  combining: ['bersama', 'sama-sama', 'sekaligus', 'plus', '+', 'gabungan', 'digabung'],
  otherMoney: [
    'denda',
    'didenda',
    'mendenda',
    'pendapatan',
    'penjualan',
    'valuasi*',
    'pendanaan',
    'suntikan',
    'disuntik',
    'gaji',
    'saham',
    'laba',
    'rugi',
    'token',
    'api',
    'langganan',
    'listrik',
    'setahun',
    'per tahun',
    'tahunan',
    'per bulan',
    'sebulan',
    'bulanan',
    'server',
    'menjual',
    'dijual',
    'terjual',
    'meminjamkan',
    'dipinjamkan',
  ],
  otherCounts: [
    'parameter',
    'token',
    'pengguna',
    'karyawan',
    'orang',
    'pengunjung',
    'unduhan',
    'sampel',
    'expert',
    'posisi',
    'lowongan',
    'skor',
    'skornya',
    'versi',
  ],
  holding: [
    'punya',
    'memiliki',
    'dimiliki',
    'pegang',
    'megang',
    'menimbun',
    'nimbun',
    'ditimbun',
    'menumpuk',
    'numpuk',
    'kepemilikan',
    'stok',
  ],
  releaseWords: [
    'rilis',
    'dirilis',
    'merilis',
    'diluncurkan',
    'meluncurkan',
    'peluncuran',
    'launching',
    'keluar',
  ],
  announceWords: [
    'pengumuman',
    'diumumkan',
    'diumumin',
    'mengumumkan',
    'umumin',
    'diterbitkan',
    'menerbitkan',
    'terbit',
    'diungkap*',
    'dipublikasikan',
    'makalah',
  ],
  effectiveWords: [
    'diperketat',
    'memperketat',
    'diberlakukan',
    'memberlakukan',
    'berlaku',
    'dilarang',
    'melarang',
    'larang',
    'ngelarang',
    'dibatasi',
    'membatasi',
    'diperketat',
  ],
  rescindedWords: ['dibatalkan', 'dibatalin', 'membatalkan', 'dicabut', 'batal'],
  foundedWords: ['didirikan', 'berdiri', 'dibentuk'],
  clauseBreaks: [
    'tapi',
    'tetapi',
    'namun',
    'sedangkan',
    'sementara',
    'padahal',
    'vs',
    'jadi',
    'terus',
    'dan',
  ],
  investmentWords: ['investasi', 'berinvestasi', 'pusat data', 'membangun', 'bangun'],
  commonWords: [
    'yang',
    'di',
    'ke',
    'dari',
    'dan',
    'itu',
    'ini',
    'pake',
    'pakai',
    'buat',
    'untuk',
    'habis',
    'cuma',
    'dengan',
    'dilatih',
    'biaya',
    'jam',
    'sekitar',
    'tahap',
    'juta',
    'ribu',
    'miliar',
    'rb',
    'jt',
    'dolar',
    'punya',
    'sama',
    'udah',
    'sudah',
    'latih',
    'makan',
    'kluster',
  ],
};

export const VOCABULARY: Readonly<Record<Locale, Vocabulary>> = { en, id };

/** Both tables' entries for one field, English first. */
export function both<K extends keyof Vocabulary>(key: K): Vocabulary[K][] {
  return [en[key], id[key]];
}

const ESCAPE = /[.*+?^${}()|[\]\\]/g;
/** A word list as one case-insensitive pattern on whole words; `*` ends a word with any ending. */
export function wordPattern(list: readonly string[], flags = 'i'): RegExp {
  const alternatives = [...list]
    .sort((a, b) => b.length - a.length)
    .map((w) => {
      const star = w.endsWith('*');
      const body = (star ? w.slice(0, -1) : w).replace(ESCAPE, '\\$&').replace(/\s+/g, '\\s+');
      return star ? `${body}\\w*` : body;
    });
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, `${flags}u`);
}

const cache = new Map<string, RegExp>();
/** The pattern for a word list of both languages, built once. */
export function patternOf(key: string, lists: readonly (readonly string[])[]): RegExp {
  let re = cache.get(key);
  if (!re) {
    re = wordPattern(lists.flat());
    cache.set(key, re);
  }
  return re;
}

/** Whether a text contains any word of a field in either language. */
export function mentions(text: string, key: ListKey): boolean {
  return patternOf(key, both(key)).test(text);
}

type ListKey = {
  [K in keyof Vocabulary]: Vocabulary[K] extends readonly string[] ? K : never;
}[keyof Vocabulary];

/**
 * How a figure's English scope names the stage of a run it covers; the knowledge writes each part's
 * scope starting this way ("The final R1 stage alone — …").
 */
export const FIGURE_STAGES: readonly (readonly [Stage, RegExp])[] = [
  ['zero', /^The (?:pure-RL )?R1-Zero stage/i],
  ['final', /^(?:The|Wall-clock time of the) final R1 stage/i],
  ['sft', /^Creat\w+ (?:R1's |the )?supervised fine-tuning/i],
  ['total', /^(?:All of R1's reasoning stages|The reasoning \(reinforcement-learning\) stages)/i],
];

/**
 * What a figure's scope says it leaves out, as widening concepts: a scope that "Excludes pre-training …
 * and buying the hardware" conflicts with "including the base model" or "hardware included"; a part
 * ("alone", "only", "part of") conflicts with "all-in" or "from scratch".
 */
export function figureExcludes(scopeEn: string): WideningConcept[] {
  const excludes = /\b(?:excludes|not included|not part of)\b([^.]*)/i.exec(scopeEn)?.[1] ?? '';
  const out: WideningConcept[] = [];
  for (const concept of ['base_model', 'hardware', 'research'] as const) {
    const words = en.widening[concept].filter((w) => w !== 'base');
    if (excludes && wordPattern([...words, 'base']).test(excludes)) out.push(concept);
  }
  if (excludes || /\b(only|alone|part of|one of the three parts)\b/i.test(scopeEn)) out.push('everything');
  return out;
}

/**
 * Concepts a claim in words is matched on, each with its words in both languages (chat and article
 * spellings alike): "diboyong", "relocated" and "pindah" are one concept. Words not listed here match
 * themselves after light stemming.
 */
export const CONCEPTS: Readonly<Record<string, readonly string[]>> = {
  move: [
    'move*',
    'moving',
    'shift*',
    'relocat*',
    'pindah*',
    'memindah*',
    'dipindah*',
    'mindah*',
    'boyong',
    'diboyong',
    'hijrah',
    'packed up',
    'picked up',
    'gone abroad',
  ],
  datacentre: [
    'data centre*',
    'data center*',
    'datacenter*',
    'pusat data*',
    'server farm*',
    'data center-nya',
  ],
  abroad: [
    'abroad',
    'overseas',
    'offshore',
    'luar negeri',
    'asia tenggara',
    'southeast asia',
    'southeast asian',
    'se asia',
    'se asian',
  ],
  illegal: [
    'illegal*',
    'unauthori*',
    'smuggl*',
    'nyolong',
    'ilegal',
    'secara gelap',
    'selundup*',
    'diselundup*',
    'nyelundup*',
    'got around',
    'circumvent*',
    'tidak sah',
    'terlarang',
    'despite the ban',
    'walau dilarang',
  ],
  edge: ['edge', 'tepi'],
  decentralised: ['decentrali*', 'terdesentralisasi'],
  cheap: ['cheap*', 'low cost', 'murah', 'hemat', 'motong biaya', 'cut cost*', 'efisiensi', 'so cheap'],
  rent: ['rent*', 'sewa', 'nyewa', 'menyewa', 'sewaan', 'lease*', 'layanan'],
  train: ['train*', 'latih', 'dilatih', 'melatih', 'pelatihan', 'latihan'],
  inference: ['inference', 'inferensi', 'inferensinya'],
  problem: ['problem*', 'issue*', 'masalah', 'bermasalah', 'unstable', 'gagal', 'fail*', 'trouble*'],
  engineers: ['engineer*', 'insinyur', 'teknisi', 'team', 'tim'],
  sent: ['sent', 'send*', 'placed', 'kirim', 'mengirim', 'naruh', 'menempatkan', 'stationed'],
  headquarters: ['headquarters', 'hq', 'kantor pusat', 'kantor'],
  preparation: ['preparat*', 'persiapan', 'eksperimen', 'experiment*'],
  smaller: ['smaller', 'lebih kecil'],
  variant: ['variant', 'varian'],
  market: ['market', 'pasar'],
  ban: [
    'ban',
    'banned',
    'export control*',
    'larangan',
    'dilarang',
    'kontrol ekspor',
    'export rule*',
    'aturan ekspor',
  ],
  cancelled: ['scrapped', 'cancel*', 'rescind*', 'dibatalkan', 'dibatalin', 'membatalkan'],
  distil: ['distil*', 'distilasi', 'menyalin', 'copy*', 'copied'],
  supercomputer: ['supercomput*', 'superkomputer'],
  cluster: ['cluster*', 'kluster'],
  nvidia: ['nvidia'],
  huawei: ['huawei', 'ascend'],
  china: ['china', 'chinese', 'tiongkok', 'cina'],
  import: ['import*', 'ngimpor', 'mengimpor'],
  operators: ['operator*'],
  hardware: ['hardware', 'perangkat keras', 'hardware-nya'],
  only: ['only', 'entirely', 'fully', 'sepenuhnya', 'hanya', 'cuma', 'doang'],
  local: ['local', 'lokal', 'domestic', 'dalam negeri'],
  facilities: ['facilit*', 'fasilitas'],
  release: ['release*', 'rilis', 'launch*', 'come out', 'came out'],
  delay: ['delay*', 'pushed back', 'molor', 'tertunda', 'ditunda'],
  firms: ['firms', 'companies', 'perusahaan', 'big tech', 'raksasa teknologi', 'raksasa'],
  access: [
    'access',
    'akses',
    'got its hands on',
    'got their hands on',
    'get hold of',
    'got hold of',
    'obtained',
    'acquired',
    'memperoleh',
    'dapet',
  ],
  help: ['help*', 'assist*', 'support*', 'bantu*', 'bantuan', 'bantuin', 'membantu', 'dibantu', 'dukung*'],
  fix: [
    'fix*',
    'solv*',
    'resolv*',
    'beresin',
    'membereskan',
    'mengatasi',
    'atasi',
    'memperbaiki',
    'perbaiki',
    'benerin',
    'address*',
    'sort out',
  ],
  violate: [
    'violat*',
    'breach*',
    'break* the rules',
    'melanggar*',
    'ngelanggar',
    'pelanggaran',
    'langgar',
    'nabrak aturan',
  ],
  peerReview: [
    'peer review*',
    'peer-review*',
    'di-peer review',
    'ditinjau sejawat',
    'tinjauan sejawat',
    'direview',
    'di-review',
    'reviewed',
  ],
  publish: ['publish*', 'terbit*', 'diterbitkan', 'menerbitkan', 'publikasi*', 'dipublikasikan'],
  journal: ['journal', 'jurnal'],
};

/**
 * Closed classes of names: a claim naming one member where the knowledge names another conflicts. Each
 * member is listed with its other spellings ("pasar tiongkok" is the Chinese market).
 */
export const NAME_CLASSES: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  city: {
    hangzhou: ['hangzhou'],
    beijing: ['beijing', 'peking'],
    shanghai: ['shanghai'],
    shenzhen: ['shenzhen'],
    guangzhou: ['guangzhou'],
    'hong kong': ['hong kong'],
  },
  market: {
    china: ['chinese market', 'china market', 'pasar china', 'pasar tiongkok', 'pasar cina'],
    us: ['us market', 'american market', 'pasar as', 'pasar amerika'],
    europe: ['european market', 'pasar eropa'],
  },
  chipMaker: {
    nvidia: ['nvidia'],
    amd: ['amd'],
    intel: ['intel'],
    huawei: ['huawei', 'ascend'],
    cambricon: ['cambricon'],
  },
};
