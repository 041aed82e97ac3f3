# A builder stage's layers never reach the image: its RUNs are not merged.
FROM golang:1.22 AS build
WORKDIR /src
RUN go env -w GOPROXY=https://proxy.golang.org
RUN go mod download
RUN go build -o /out/app .

FROM debian:bookworm-slim
COPY --from=build /out/app /usr/local/bin/app
RUN groupadd -r app
# want "consecutive-run"
RUN useradd -r -g app app
