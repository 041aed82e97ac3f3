FROM ubuntu:22.04
RUN apt-get update && apt-get install -y --no-install-recommends postgresql nodejs npm
WORKDIR /opt
COPY . /opt/
RUN service postgresql start && \
    psql < db/schema.sql && \
    service postgresql stop
# install the app's dependencies
RUN cd app && npm install
RUN cp conf/mysite /etc/nginx/sites-available/
