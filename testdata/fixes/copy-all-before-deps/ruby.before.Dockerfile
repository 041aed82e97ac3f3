FROM ruby:3.3-slim

ADD . /app
WORKDIR /app
RUN bundle install

EXPOSE 9292
CMD ["rackup", "-E", "none"]
