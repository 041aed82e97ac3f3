FROM ubuntu:22.04
WORKDIR /
RUN git clone https://github.com/facebook/osquery.git \
 && make -C osquery package \
 && dpkg -i osquery/build/osquery.deb
# the sources are not needed at run time
RUN rm -rf /osquery
CMD ["/usr/bin/osqueryi"]
