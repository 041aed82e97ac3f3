arg x=1
FROM alpine
run echo hi
RUN echo one
Run echo mixed
WORKDIR /app
