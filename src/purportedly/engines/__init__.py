"""Engines that run the analysis at scale: in-process batches, a process pool, or a Dask cluster."""
