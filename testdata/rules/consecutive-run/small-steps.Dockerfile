FROM debian:bookworm-slim
# Small, unrelated steps: merging them saves only near-empty layers.
RUN groupadd -r app
RUN useradd -r -g app app
RUN ln -s /data /srv/data
RUN echo 'export PATH=/opt/bin:$PATH' >> /etc/profile
# Package work once, then a config step: nothing repeated, nothing said.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN curl --version
