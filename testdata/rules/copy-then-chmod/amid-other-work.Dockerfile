FROM debian:bookworm-slim
COPY bin/server /usr/local/bin/server
COPY bin/worker /usr/local/bin/worker
# One chmod over the files of two COPYs stores both again.
# want "copy-then-chmod"
RUN chmod 755 /usr/local/bin/server /usr/local/bin/worker
COPY build/app.jar /app.jar
COPY conf /etc/app
# A RUN that does other work too still stores the jar a second time.
# want "copy-then-chmod"
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/* \
 && useradd --system app \
 && chown app:app /app.jar
COPY settings.ini /etc/settings.ini
# The RUN rewrites the file anyway: the chmod costs nothing more.
RUN sed -i 's/debug/info/' /etc/settings.ini && chmod 600 /etc/settings.ini
# A folder the RUN itself fills.
RUN mkdir -p /var/lib/app && chown -R app /var/lib/app
# A copied folder the RUN replaces first.
RUN rm -rf /etc/app && cp -r /usr/share/app /etc/app && chown -R app /etc/app
