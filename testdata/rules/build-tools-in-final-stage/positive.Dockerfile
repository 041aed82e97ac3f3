FROM python:3.12-slim
# want "build-tools-in-final-stage"
RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev && rm -rf /var/lib/apt/lists/*
# flags before the subcommand, an env prefix, sudo
# want "build-tools-in-final-stage"
RUN DEBIAN_FRONTEND=noninteractive sudo apt-get -qq --no-install-recommends install gcc-12 python3-dev
# removed in a later layer: still in the image
# want "build-tools-in-final-stage"
RUN apk add --no-cache make
RUN apk del make
# want "build-tools-in-final-stage"
RUN if command -v dnf; then dnf install -y gcc-c++ openssl-devel; fi
# want "build-tools-in-final-stage"
RUN <<EOF
set -e
apt-get install -y --no-install-recommends cmake
EOF
# The image builds with the tools (pip may compile native code) and runs an
# application of its own.
COPY requirements.txt /app/
RUN pip install --no-cache-dir -r /app/requirements.txt
CMD ["python", "-m", "app"]
