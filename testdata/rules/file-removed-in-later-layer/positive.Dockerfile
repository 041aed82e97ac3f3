FROM debian:bookworm-slim
RUN echo "My Big Secret" >> /tmp/secret_key
RUN cat /tmp/secret_key
# want "file-removed-in-later-layer"
RUN rm /tmp/secret_key
COPY app.tar.gz /tmp/
RUN tar -xzf /tmp/app.tar.gz -C /opt
# want "file-removed-in-later-layer"
RUN rm -f /tmp/app.tar.gz
WORKDIR /src
COPY installer.sh .
# relative to WORKDIR, after real work, with sudo and an env prefix
# want "file-removed-in-later-layer"
RUN sh installer.sh && DEBIAN_FRONTEND=noninteractive sudo rm installer.sh
RUN git clone https://github.com/facebook/osquery.git /osquery && make -C /osquery
# want "file-removed-in-later-layer"
RUN rm -rf /osquery
RUN curl -fsSLo /tmp/tool.tgz https://example.com/tool.tgz
# want "file-removed-in-later-layer"
RUN if [ -f /tmp/tool.tgz ]; then rm /tmp/tool.tgz; fi
ADD https://example.com/tini /usr/local/bin/tini
# want "file-removed-in-later-layer"
RUN <<EOF
rm /usr/local/bin/tini
EOF
COPY *.whl /tmp/wheels/
# want "file-removed-in-later-layer"
RUN pip install --no-cache-dir /tmp/wheels/*.whl && rm -rf /tmp/wheels/*.whl
