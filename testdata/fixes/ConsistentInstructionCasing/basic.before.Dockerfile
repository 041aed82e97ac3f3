FROM alpine:3.19
run echo a
RUN echo b
COPY a /a
workdir /app
