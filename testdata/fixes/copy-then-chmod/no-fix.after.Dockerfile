FROM debian:bookworm-slim
# +w without "who" depends on the umask in a RUN, not with --chmod
COPY notes.txt /srv/notes.txt
RUN chmod +w /srv/notes.txt
# --link cannot resolve user names
COPY --link data.db /var/lib/app/data.db
RUN chown app:app /var/lib/app/data.db
# --reference has no COPY equivalent
COPY a.conf /etc/a.conf
RUN chmod --reference=/etc/hosts /etc/a.conf
