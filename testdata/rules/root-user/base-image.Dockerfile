FROM debian:bookworm-slim
# A base for other images: no CMD or ENTRYPOINT, no USER: the image built
# FROM it chooses its user.
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
