FROM alpine
ENV APP_HOME /app
ENV OK=1
LABEL maintainer Jane Doe
LABEL ok=yes
env lower value
