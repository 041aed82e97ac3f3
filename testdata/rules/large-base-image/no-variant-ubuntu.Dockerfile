# ubuntu has neither slim nor alpine images: nothing to suggest, nothing said.
FROM ubuntu:24.04
CMD ["bash"]
