FROM ruby:3.3-slim

COPY Gemfile Gemfile.lock /app/
WORKDIR /app
RUN bundle install
ADD . /app

EXPOSE 9292
CMD ["rackup", "-E", "none"]
