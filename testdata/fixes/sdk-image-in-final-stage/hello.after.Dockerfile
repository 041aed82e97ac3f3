FROM golang:1.4.2 AS build

ADD hello.go hello.go
RUN CGO_ENABLED=0 go build hello.go

FROM scratch
COPY --from=build /go/hello /hello
EXPOSE 8080
ENTRYPOINT ["/hello"]
