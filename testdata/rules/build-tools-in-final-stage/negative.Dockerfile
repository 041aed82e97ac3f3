# escape=`
FROM python:3.12 AS build
# a builder stage: only its output is copied on
RUN apt-get update && `
    apt-get install -y --no-install-recommends build-essential libpq-dev
RUN pip wheel --wheel-dir /wheels psycopg2

FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*
# installed and removed in the same RUN
RUN apk add --no-cache --virtual .build-deps gcc musl-dev `
    && pip install --no-cache-dir uwsgi `
    && apk del .build-deps
RUN savedAptMark="$(apt-mark showmanual)" `
    && apt-get install -y --no-install-recommends gcc `
    && pip install --no-cache-dir cffi `
    && apt-mark auto '.*' > /dev/null `
    && apt-get purge -y --auto-remove
RUN apt-get install -y --no-install-recommends make && make -C /src && apt-get purge -y make
# a runtime library is not a build tool
RUN apt-get install -y --no-install-recommends libssl3 ca-certificates
# cache mounts change nothing about what is installed, but no tool is here
RUN --mount=type=cache,target=/var/cache/apt apt-get install -y curl
COPY --from=build /wheels /wheels
