FROM nginx:1.25-alpine
COPY site /usr/share/nginx/html
