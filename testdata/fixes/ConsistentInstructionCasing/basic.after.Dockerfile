FROM alpine:3.19
RUN echo a
RUN echo b
COPY a /a
WORKDIR /app
