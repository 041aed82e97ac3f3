FROM debian:bookworm-slim AS base
# the final stage is built FROM this one: its layers ship
# want "build-tools-in-final-stage"
RUN apt-get install -y --no-install-recommends g++=4:12.2.0-3

FROM base
COPY src /src
RUN make -C /src install
CMD ["app"]
