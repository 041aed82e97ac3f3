FROM fedora:40
# want "rpm-install-missing-yes"
RUN dnf install httpd && dnf clean all
# want "rpm-install-missing-yes"
RUN yum install httpd && yum clean all
# want "rpm-install-missing-yes"
RUN microdnf install shadow-utils && microdnf clean all
# want "rpm-install-missing-yes"
RUN zypper install curl && zypper clean -a
# want "rpm-install-missing-yes"
RUN dnf -q remove httpd && dnf clean all
# want "rpm-install-missing-yes"
ONBUILD RUN dnf install git && dnf clean all
