# An image whose tools are its purpose is not told to drop them.
# A toolbox: no CMD or ENTRYPOINT of its own; images built FROM it build.
FROM debian:bookworm-slim AS toolbox
RUN apt-get update && apt-get install -y --no-install-recommends build-essential cmake && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir conan
