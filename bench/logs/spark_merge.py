"""`httpstatus logs` on Apache Spark: each partition of the log is piped through the binary, which
writes one partial report (one line of JSON); the partials are reduced by `httpstatus logs merge`,
in a tree (partials merged into partials), and the last one is rendered. The result is checked
against one run of the binary over the whole file.

    python3 bench/logs/spark_merge.py BINARY LOG [PARTITIONS] [MASTER]

Run by bench/logs/spark.sh (which makes a virtualenv with pyspark from PyPI; Java 17 from Debian).
"""

import json
import subprocess
import sys
import time

from pyspark import SparkConf, SparkContext


def main():
    binary, log = sys.argv[1], sys.argv[2]
    partitions = int(sys.argv[3]) if len(sys.argv) > 3 else 16
    master = sys.argv[4] if len(sys.argv) > 4 else "local[2]"
    conf = SparkConf().setMaster(master).setAppName("httpstatus-logs")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")

    t0 = time.time()
    lines = sc.textFile(log, minPartitions=partitions)
    # Map: every partition's lines through the binary, one partial report out of each.
    partials = lines.pipe(f"{binary} logs - --threads 1 --partial -")
    # Reduce: merge partials into partials, four at a time, down to one.
    while partials.getNumPartitions() > 1:
        partials = partials.coalesce(max(1, partials.getNumPartitions() // 4)).pipe(
            f"{binary} logs merge - --partial -"
        )
    merged = partials.collect()
    t1 = time.time()
    sc.stop()

    assert len(merged) == 1, f"expected one merged partial, got {len(merged)}"
    report = subprocess.run(
        [binary, "logs", "merge", "-", "--json"],
        input=merged[0].encode(),
        capture_output=True,
        check=True,
    ).stdout
    spark_report = json.loads(report)
    t2 = time.time()
    whole = json.loads(
        subprocess.run(
            [binary, "logs", log, "--json", "--threads", "2"], capture_output=True, check=True
        ).stdout
    )
    t3 = time.time()

    def codes(r):
        return {c["code"]: c["count"] for c in r["codes"]}

    same = (
        codes(spark_report) == codes(whole)
        and spark_report["records"] == whole["records"]
        and spark_report["malformed"] == whole["malformed"]
        and spark_report["timeline"] == whole["timeline"]
    )
    print(
        json.dumps(
            {
                "log": log,
                "master": master,
                "partitions": lines.getNumPartitions(),
                "partials_merged": len(spark_report["inputs"]),
                "records": spark_report["records"],
                "spark_seconds": round(t1 - t0, 2),
                "render_seconds": round(t2 - t1, 2),
                "one_run_seconds": round(t3 - t2, 2),
                "same_counts_and_timeline_as_one_run": same,
            }
        )
    )
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
