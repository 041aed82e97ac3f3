FROM debian:bookworm-slim AS base
# a stage the final image is built FROM ships its layers
# want "apt-lists-not-cleaned"
RUN apt-get update && apt-get install -y --no-install-recommends tini

FROM debian:bookworm-slim AS build
# a builder stage only hands over files: its lists cost nothing
RUN apt-get update && apt-get install -y --no-install-recommends gcc

FROM base
COPY --from=build /usr/bin/gcc /usr/local/bin/
