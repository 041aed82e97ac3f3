FROM php:8.3-apache
# The image runs Apache, the base image's own command: the compiler ships
# with it though no CMD is set here.
# want "build-tools-in-final-stage"
RUN apt-get update && apt-get install -y --no-install-recommends build-essential \
 && pecl install redis && docker-php-ext-enable redis \
 && rm -rf /var/lib/apt/lists/*
