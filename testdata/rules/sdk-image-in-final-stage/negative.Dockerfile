FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /app .

FROM rust:1.79 AS rbuild
WORKDIR /src
COPY . .
RUN cargo build --release

FROM gcr.io/distroless/static-debian12
COPY --from=build /app /app
COPY --from=rbuild /src/target/release/tool /tool
ENTRYPOINT ["/app"]
