# syntax=docker/dockerfile:1
# check=skip=ConsistentInstructionCasing
ARG BASE=alpine:3.20
FROM ${BASE} AS Build
workdir /src
# check=skip=UndefinedVar
ENV X=$NOPE
ENV Y=$NOPE2
COPY . .
RUN go build -o /out/app ./...

FROM alpine
COPY --from=build /out/app /app
EXPOSE 8080
ENTRYPOINT ["/app"]
