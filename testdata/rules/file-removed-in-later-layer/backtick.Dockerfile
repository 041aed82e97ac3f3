# escape=`
FROM debian:bookworm-slim
COPY setup.sh /tmp/setup.sh
# want "file-removed-in-later-layer"
RUN sh /tmp/setup.sh && `
    rm /tmp/setup.sh && `
    echo done
# want "file-removed-in-later-layer"
RUN rm `
    /tmp/setup.sh
