"""The bench table with Debian's Python Faker (package python3-fake-factory), written as CSV.
/usr/bin/python3 pyfaker.py ROWS FILE  -> prints {"rows", "bytes", "seconds"} as JSON."""
import csv, datetime, json, random, sys, time
from faker import Faker

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
path = sys.argv[2] if len(sys.argv) > 2 else "/dev/null"
fake = Faker()
fake.seed(42)
rnd = random.Random(42)
start = datetime.date(2020, 1, 1)
t0 = time.perf_counter()
with open(path, "w", newline="", buffering=1 << 20) as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "first_name", "last_name", "email", "age", "city", "amount", "created", "active", "tier"])
    for i in range(1, rows + 1):
        w.writerow([i, fake.first_name(), fake.last_name(), fake.email(), rnd.randint(18, 90), fake.city(),
                    round(rnd.uniform(1, 500), 2), start + datetime.timedelta(days=rnd.randrange(1826)),
                    rnd.random() < 0.7, rnd.choices(["gold", "silver", "bronze"], [1, 3, 6])[0]])
    size = f.tell()
print(json.dumps({"rows": rows, "bytes": size, "seconds": time.perf_counter() - t0}))
