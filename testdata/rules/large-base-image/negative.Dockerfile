# Builder stages may be large: only their COPY --from output ships.
FROM python:3.12 AS build
RUN pip wheel --no-cache-dir -w /wheels flask
FROM python:3.12-slim-bookworm
COPY --from=build /wheels /wheels
