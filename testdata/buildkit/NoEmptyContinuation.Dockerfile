FROM alpine
RUN apk add \

    curl \
   
    git
RUN echo \
# comment
  ok
