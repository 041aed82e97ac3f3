# A builder stage's layers never reach the image: its RUNs are not merged.
FROM golang:1.22 AS build
WORKDIR /src
RUN apt-get update
RUN apt-get install -y --no-install-recommends protobuf-compiler
RUN go build -o /out/app .

FROM debian:bookworm-slim
COPY --from=build /out/app /usr/local/bin/app
RUN apt-get update
# want "consecutive-run"
RUN apt-get install -y --no-install-recommends ca-certificates
