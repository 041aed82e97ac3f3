FROM archlinux:base
RUN pacman -Syu --needed --noconfirm git
# pacman keeps every package it downloaded in /var/cache/pacman/pkg: a
# later RUN that empties it cannot shrink the layer above.
# want "cleanup-in-separate-layer"
RUN yes | pacman -Scc
