# php has no alpine variant of its apache images.
FROM php:8.3-apache
COPY src/ /var/www/html/
