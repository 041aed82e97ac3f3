# escape=`
FROM golang:1.22-alpine AS compile
WORKDIR /src
COPY . .
RUN GOOS=linux go build `
      -o /out/tool `
      ./cmd/tool
USER nonroot
