"""Bridges to other libraries: PyTorch (``interop.torch``), scikit-learn (``interop.sklearn``)."""
