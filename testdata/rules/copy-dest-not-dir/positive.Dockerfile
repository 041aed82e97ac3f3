FROM node:22-slim
# want "copy-dest-not-dir"
COPY package.json yarn.lock /app
# want "copy-dest-not-dir"
COPY a b "dist"
# want "copy-dest-not-dir"
ADD one.txt two.txt /srv/data
