FROM golang:1.22 AS build
WORKDIR /src
ENV GOFLAGS=-mod=vendor APP_ENV=production
COPY . .
RUN go mod download && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o server ./cmd/server

FROM scratch
COPY --from=build /src/server /server
ENV APP_ENV=production
# listen here
EXPOSE 8080
USER 65532:65532
# start the server
CMD ["/server", "--port", "8080"]
