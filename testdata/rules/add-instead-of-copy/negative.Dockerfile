# escape=`
FROM debian:bookworm-slim
COPY requirements.txt /app/
# unpacking is what ADD is for
ADD rootfs.tar.xz /
ADD vendor.tgz /opt/
ADD data.tar /data/
ADD dump.sql.gz /docker-entrypoint-initdb.d/
# remote sources
ADD https://example.com/tool /usr/local/bin/tool
ADD https://github.com/moby/buildkit.git#v0.34.1 /src
ADD git@github.com:moby/buildkit.git /src2
# a wildcard that could match an archive
ADD dist/* /opt/dist/
# a variable: unknown
ARG PKG=app.tar.gz
ADD ${PKG} /opt/
# ADD-only flags
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a /a
ADD --unpack=false app.tar /opt/app.tar
