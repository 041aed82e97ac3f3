# escape=`
FROM php:8.3-cli
WORKDIR /var/www
COPY . .
RUN <<EOF
set -e
composer install --no-dev `
  --prefer-dist
EOF
CMD ["php", "-S", "0.0.0.0:8080"]
