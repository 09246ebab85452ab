#!/bin/bash
# Queue a sharded grading run and its merge on Slurm:
#
#   deploy/slurm/submit.sh SUBMISSIONS OUT N [extra sbatch options...]
#
# Run it from the course checkout (its .venv is used on every node). Prints
# the two job ids (array, merge); the merge starts when every shard succeeded.
set -euo pipefail
SUBMISSIONS=${1:?usage: submit.sh SUBMISSIONS OUT N [sbatch options]}
OUT=${2:?usage: submit.sh SUBMISSIONS OUT N [sbatch options]}
N=${3:?usage: submit.sh SUBMISSIONS OUT N [sbatch options]}
shift 3
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$OUT"
array=$(sbatch --parsable --array=0-$((N - 1)) "$@" "$HERE/grade-array.sbatch" "$SUBMISSIONS" "$OUT")
array=${array%%;*}
merge=$(sbatch --parsable --dependency=afterok:"$array" "$@" "$HERE/merge.sbatch" "$OUT")
echo "$array ${merge%%;*}"
