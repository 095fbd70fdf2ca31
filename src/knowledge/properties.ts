import type { Property } from './schema.js';

/** What `/cost` shows: money spent, forecast or priced. */
export const COST_PROPERTIES: ReadonlySet<Property> = new Set([
  'training_cost',
  'cost_forecast',
  'investment',
  'compute_price',
  'cost_strategy',
]);

/** What `/chips` shows: hardware, counts, hours and where compute runs. */
export const CHIP_PROPERTIES: ReadonlySet<Property> = new Set([
  'gpu_count',
  'gpu_holdings',
  'gpu_hours',
  'training_hours',
  'chips_preparation',
  'training_hardware',
  'inference_hardware',
  'hardware_issues',
  'chip_access',
  'chips_available',
  'compute_location',
  'engineering_support',
]);

/**
 * Words people use for each property, in English and Indonesian; indexed for `/fact` so that
 * "biaya latih r1" or "how many gpus" find the right figures.
 */
export const PROPERTY_KEYWORDS: Readonly<Record<Property, string>> = {
  training_cost:
    'cost costs price spent training train trained biaya harga ongkos latih pelatihan melatih dolar',
  cost_forecast: 'cost forecast future projection soon biaya proyeksi perkiraan masa depan',
  investment: 'investment invest data centre center investasi pusat data',
  compute_price: 'price rental rent per hour harga sewa jam',
  gpu_count: 'gpu gpus chips chip cluster how many count jumlah kluster unit',
  gpu_holdings: 'gpu gpus chips holdings stockpile cluster own kepemilikan stok kluster timbun',
  gpu_hours: 'gpu hours compute jam gpu komputasi',
  training_hours: 'hours time duration long jam lama durasi waktu',
  chips_preparation: 'a100 preparation preparatory experiments persiapan eksperimen chip',
  training_hardware: 'hardware training chips gpu perangkat keras pelatihan latih chip',
  inference_hardware: 'inference hardware chips inferensi perangkat keras chip lokal',
  hardware_issues: 'problems issues failure masalah kendala gagal',
  chip_access: 'access illegal smuggling export akses ilegal ekspor',
  chips_available: 'gpus available hardware chip tersedia',
  compute_location: 'location abroad overseas rent renting lokasi luar negeri sewa menyewa',
  engineering_support: 'engineers team support insinyur teknisi tim bantuan',
  announced: 'announced announcement when date diumumkan pengumuman kapan tanggal',
  release: 'release released launch launched when date rilis dirilis peluncuran diluncurkan kapan',
  planned_release:
    'planned release schedule scheduled delay delayed when rencana jadwal dijadwalkan rilis tertunda kapan',
  effective: 'rule ban export controls when date aturan larangan ekspor kapan',
  rescinded: 'rescinded cancelled repealed dibatalkan batal',
  publication: 'published journal paper nature publikasi jurnal makalah',
  description: 'what is apa itu',
  distillation: 'distillation distilled copy copying distilasi menyalin',
  training_data: 'training data dataset data pelatihan',
  regulatory_issue: 'regulator privacy user data korea regulasi privasi data pengguna',
  cost_strategy: 'strategy method efficiency strategi metode efisiensi',
};
