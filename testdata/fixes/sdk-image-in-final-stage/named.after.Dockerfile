# escape=`
FROM golang:1.22-alpine AS compile
WORKDIR /src
COPY . .
RUN GOOS=linux CGO_ENABLED=0 go build `
      -o /out/tool `
      ./cmd/tool

FROM gcr.io/distroless/static-debian12
COPY --from=compile /out/tool /tool
USER nonroot
ENTRYPOINT ["/tool"]
