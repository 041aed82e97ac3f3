# php's fpm images have an alpine variant of the same tag family.
# want "large-base-image"
FROM php:8.3-fpm-bookworm
RUN docker-php-ext-install opcache
