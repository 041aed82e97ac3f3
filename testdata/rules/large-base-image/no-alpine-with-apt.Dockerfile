# The image installs with apt (in a stage built FROM it): alpine, with musl
# and apk, is no drop-in, and nginx has no slim Debian variant.
FROM nginx:1.27 AS base
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
FROM base
COPY site /usr/share/nginx/html
