FROM fedora:41
# dnf's short spellings install too.
# want "rpm-cache-not-cleaned"
RUN dnf -y in httpd
# want "rpm-cache-not-cleaned"
RUN dnf up -y
# want "rpm-cache-not-cleaned"
RUN dnf -y rei bash
# A clean with options before "all" is still a clean.
RUN dnf -y in nginx && dnf clean --disableplugin=subscription-manager all
# dnf5's cache on a cache mount never reaches the layer, nor one removed.
RUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y mariadb
RUN dnf5 install -y git && rm -rf /var/cache/libdnf5/*
