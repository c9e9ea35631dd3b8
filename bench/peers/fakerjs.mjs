// The bench table with @faker-js/faker, written as CSV to a file; prints rows, bytes and seconds.
// node fakerjs.mjs ROWS FILE
import { faker } from '@faker-js/faker';
import { createWriteStream } from 'node:fs';

const rows = Number(process.argv[2] ?? 200000);
const file = process.argv[3] ?? '/dev/null';
faker.seed(42);
const out = createWriteStream(file, { highWaterMark: 1 << 20 });
const tiers = [{ weight: 1, value: 'gold' }, { weight: 3, value: 'silver' }, { weight: 6, value: 'bronze' }];
const from = new Date('2020-01-01'), to = new Date('2024-12-31');
const quote = (s) => (/[",\n]/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s);
const t0 = process.hrtime.bigint();
let bytes = 0;
let buf = 'id,first_name,last_name,email,age,city,amount,created,active,tier\n';
for (let i = 1; i <= rows; i++) {
  buf += i + ',' + quote(faker.person.firstName()) + ',' + quote(faker.person.lastName()) + ','
    + quote(faker.internet.email()) + ',' + faker.number.int({ min: 18, max: 90 }) + ','
    + quote(faker.location.city()) + ',' + faker.number.float({ min: 1, max: 500, fractionDigits: 2 }) + ','
    + faker.date.between({ from, to }).toISOString().slice(0, 10) + ',' + (Math.random() < 0.7) + ','
    + faker.helpers.weightedArrayElement(tiers) + '\n';
  if (buf.length > 1 << 16) { bytes += Buffer.byteLength(buf); out.write(buf); buf = ''; }
}
bytes += Buffer.byteLength(buf);
out.end(buf, () => {
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(JSON.stringify({ rows, bytes, seconds: s }));
});
