# The destination names a variable the golang image sets: the copy still
# lands where the build reads it.
FROM golang:1.22 AS build
# want "copy-all-before-deps"
COPY . ${GOPATH}/src/example.com/app
WORKDIR ${GOPATH}/src/example.com/app
RUN go build -o /out/app .
FROM scratch
COPY --from=build /out/app /app
